"""Call transcript analysis in the product: chat handler, deal filing, REST endpoint."""
