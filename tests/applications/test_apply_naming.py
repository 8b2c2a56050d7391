"""The self-naming check: name parts, e-mail and website domain, whatever the case or accents."""

from kunstrute.applications.naming import identifying_words, names_found


def words(name="Åse Bjørnstad-Li", email="ase@example.no", website="https://www.aseb.no/om"):
    return identifying_words(name=name, email=email, website=website)


def test_name_parts_of_three_letters_or_more_are_found_without_case_or_accents():
    assert words() == ["ase", "bjornstad", "ase@example.no", "aseb.no"]
    assert names_found("Fotografi av BJORNSTAD i hagen", words()) == ["bjornstad"]
    assert names_found("Laget av åse", words()) == ["ase"]


def test_short_parts_and_words_that_merely_contain_a_name_are_not_warned_about():
    assert "li" not in words()
    assert names_found("Lilla glasur, basert på fjærene", words()) == []


def test_the_e_mail_and_the_website_domain_are_found():
    assert names_found("Skriv til ase@example.no", words()) == ["ase", "ase@example.no"]
    assert names_found("Se aseb.no for mer", words()) == ["aseb.no"]


def test_nothing_to_compare_finds_nothing():
    assert identifying_words(name="", email="", website=None) == []
    assert names_found("", words()) == []
