"""The jurors' pages: /jury."""
