"""Gzip for pages, styles and scripts when the phone accepts it."""

import gzip

import pytest

from kunstrute.compression import accepts_gzip


def test_a_page_is_gzipped_only_for_a_client_that_accepts_it(client):
    plain = client.get("/accessibility")
    packed = client.get("/accessibility", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()).decode().endswith(plain.get_data(as_text=True)[-500:])
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert "Accept-Encoding" in plain.headers["Vary"]


def test_a_static_file_is_gzipped_and_still_revalidates(client):
    first = client.get("/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(first.get_data())
    assert body == client.get("/static/css/site.css").get_data()
    again = client.get("/static/css/site.css", headers={
        "Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_images_are_left_alone(client):
    response = client.get("/static/vendor/leaflet/images/layers.png",
                          headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers


@pytest.mark.parametrize("header, expected", [
    ("gzip", True), ("deflate, gzip;q=0.5", True), ("*", True), ("br", False),
    ("gzip;q=0", False), ("", False)])
def test_accept_encoding_is_read_as_the_standard_says(header, expected):
    assert accepts_gzip(header) is expected
