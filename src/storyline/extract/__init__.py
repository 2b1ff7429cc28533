"""The extraction stages, one module or package each, and the helpers they share."""
