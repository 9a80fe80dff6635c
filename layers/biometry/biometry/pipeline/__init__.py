"""The pipeline's steps as plain functions over a small payload of S3 pointers (the Lambdas are shells)."""
