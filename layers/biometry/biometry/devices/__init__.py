"""Device parsers: one module per biometer, chosen by a registry score."""
