"""The LLM tier: one prompt and schema, RunPod, OpenAI-compatible and Bedrock providers."""
