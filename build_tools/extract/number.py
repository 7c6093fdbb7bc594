"""Singular and plural of the nouns that head the names of groups.

A tribe or an armed group is named in the singular or the plural: «عشيرة العكيدات» and
«عشائر العكيدات», «العشائر العربية» and «عشيرة عربية», «الميليشيات الإيرانية» and «الميليشيا
الإيرانية». The registry lists one of them; the matcher used for extraction also knows the other.

Broken plurals (عشيرة/عشائر، قبيلة/قبائل، قوة/قوات) cannot be made by rule: they come from
arramooz, the Arabic dictionary behind the qalsadi analyser, which lists each noun with its broken
plurals (a maintained lexicon rather than a table of our own). The sound feminine plural
(ـة or ـيا -> ـات) is regular and is made here. Only the first word of a name of two or more words
changes: one word alone (العشائر) is a common noun whose singular (العشيرة, "the clan") usually
names some other clan. An adjective after the plural of things is feminine singular, like the
singular's (العشائر العربية / العشيرة العربية), so the rest of the name stays as it is.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..normalize import indefinite, name_form, name_tokens, normalize
from ..registry import COLLECTIVE_TYPES, Entity, NameMatcher
from .lexicon import dictionary

_SOUND_PLURAL = "ات"


@lru_cache(maxsize=1)
def _broken_plurals() -> dict[str, frozenset[str]]:
    """Normalised noun -> its normalised broken plurals, and each plural -> its singulars (arramooz)."""
    import pyarabic.araby as araby

    other: dict[str, set[str]] = {}
    for singular, plurals in dictionary("nouns").cursor.execute(
            "SELECT unvocalized, broken_plural FROM nouns WHERE broken_plural != ''"):
        for plural in plurals.split(";"):
            words = araby.strip_diacritics(plural).split()  # "مَشْيَخَةٌ جج:" carries a note after the word
            if words and araby.is_arabicword(words[0]):
                one, many = normalize(singular), normalize(words[0])
                other.setdefault(one, set()).add(many)
                other.setdefault(many, set()).add(one)
    return {word: frozenset(forms) for word, forms in other.items()}


def other_numbers(norm: str) -> set[str]:
    """The other number of a normalised noun, article kept: عشائر -> عشيره, الميليشيات -> الميليشيا."""
    bare = indefinite(norm)
    article = norm[:len(norm) - len(bare)]
    forms = set(_broken_plurals().get(bare, ()))
    if not forms and bare.endswith(_SOUND_PLURAL) and len(bare) > 4:  # منظمات -> منظمه, ميليشيات -> ميليشيا
        stem = bare[:-len(_SOUND_PLURAL)]
        forms.add(stem + ("ا" if stem.endswith("ي") else "ه"))
    elif not forms and bare.endswith(("ه", "يا")) and len(bare) > 3:  # ميليشيا -> ميليشيات
        forms.add(bare[:-1] + _SOUND_PLURAL)
    return {article + form for form in forms}


def name_in_other_number(name: str) -> list[str]:
    """A group's name with its first word in the other number (normalised), for names of 2+ words."""
    tokens = name_tokens(name)
    if len(tokens) < 2:
        return []
    return [" ".join((head, *tokens[1:])) for head in sorted(other_numbers(tokens[0]))]


@lru_cache(maxsize=8)
def with_group_numbers(matcher: NameMatcher) -> NameMatcher:
    """``matcher`` that also finds the names of tribes and armed groups in their other number.
    A form that is already a name of another entry is left to that entry."""
    owners = {_key(name): e.id for e in matcher.entities.values() for name in e.names}
    entities: dict[str, Entity] = {}
    for entity in matcher.entities.values():
        if entity.type not in COLLECTIVE_TYPES:
            entities[entity.id] = entity
            continue
        contexts = dict(entity.contexts)
        added = [(variant, contexts.get(name)) for name in (entity.ar, *entity.aliases)
                 for variant in name_in_other_number(name)
                 if owners.setdefault(_key(variant), entity.id) == entity.id]
        entities[entity.id] = replace(entity, aliases=entity.aliases + tuple(v for v, _ in added),
                                      contexts=entity.contexts + tuple((v, c) for v, c in added if c))
    return NameMatcher(entities)


def _key(name: str) -> tuple[str, ...]:
    return tuple(name_form(t) for t in name_tokens(name))
