"""Documents → text blocks and tables with page provenance."""
