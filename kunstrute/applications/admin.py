"""The organisers' pages: /organiser/applications."""
