"""Dataset catalogues, one module per publisher or capability."""
