"""The applicant's pages: /apply."""
