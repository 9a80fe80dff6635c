"""Fine-tuning the LLM tier's model: LoRA on an instruct base, merge, GGUF, q4_k_m, evaluation through the worker."""
