"""Geocoding: file coordinates → database cache → online geocoder → offline gazetteer.

No blueprint: geocoding never runs inside a web request, only in commands and jobs.
"""
