"""Spanish for every interface text (the ``tr()`` source texts under gui/); read by update_translations.py."""
TRANSLATIONS: dict[str, str] = {}
BY_CONTEXT: dict[tuple[str, str], str] = {}
