"""Translation engines: a batch of texts in, the same number out."""
