"""Documents as actors: "the NATO report", "a new report from the alliance", "the report titled
'NATO 2030'", "the communique reads". Mixed into :class:`geopol.actors.recognize.Recognizer`.

All documents of one kind ("report") with the same or no stated author are one document in an
article; its name is its title when the text gives one, else "<author> <kind>". A definite
document with no author named ("the communique reads") is attributed to the IGO (else state)
the article last named. Limits: two different untitled reports by one author in one article
are merged.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from geopol.actors.drafts import Draft, Found, slug
from geopol.actors.kb import KnowledgeBase

DOCUMENT_NOUNS = frozenset({
    "report", "statement", "communique", "communiqué", "declaration", "document", "study", "resolution",
    "memo", "memorandum", "letter", "white paper", "strategy", "readout", "assessment", "review", "paper",
})
_TITLE_OF = frozenset({"titled", "entitled", "called", "named"})
_DESCRIPTION_NOUNS_FOR_AUTHOR = frozenset({"alliance", "bloc", "organization", "organisation", "body", "group"})
_QUOTES_OPEN = {"“", "\"", "‘", "'"}
_QUOTES_CLOSE = {"”", "\"", "’", "'"}


class DocumentFinder:
    """The document pass of the recognizer (needs its drafts, mentions and helpers)."""

    doc: Doc
    tokens: list[Token]
    kb: KnowledgeBase
    found: list[Found]
    drafts: dict[str, Draft]
    taken: set[int]

    # provided by the recognizer
    def _actor_at(self, i: int) -> str | None:
        raise NotImplementedError

    def _affiliate(self, draft: Draft, org_actor: str) -> None:
        raise NotImplementedError

    def add(self, start: int, end: int, actor_id: str, how: str) -> None:
        raise NotImplementedError

    @staticmethod
    def _definite(token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)

    def documents(self) -> None:
        """'the NATO report', 'a new report from the alliance', 'the report titled "NATO 2030"'.

        All documents of one kind ("report") with the same or no stated author are taken to be
        one document in an article; its name is its title when the text gives one.
        """
        seen: list[tuple[Token, str | None, str | None]] = []
        for token in self.tokens:
            if token.lemma_.lower() not in DOCUMENT_NOUNS or token.pos_ != "NOUN" or token.i in self.taken:
                continue
            author, title = self._document_author(token), self._document_title(token)
            if author is None and title is None and self._definite(token) \
                    and not any(t.lemma_.lower() == token.lemma_.lower() for t, _, _ in seen):
                # "the communique reads" with no author named: the organisation the article
                # last named issued it (an IGO before a state).
                author = self._last_issuer(token.i)
            if author is not None or title is not None:
                seen.append((token, author, title))
        groups: dict[tuple[str, str | None], list[tuple[Token, str | None, str | None]]] = {}
        for token, author, title in seen:
            kind = token.lemma_.lower()
            authors = [a for (k, a) in groups if k == kind]
            key = (kind, author if author is not None or not authors else authors[0])
            if author is not None and (kind, None) in groups and key not in groups:
                groups[key] = groups.pop((kind, None))
            groups.setdefault(key, []).append((token, author, title))
        for (kind, author), items in groups.items():
            title = next((t for _, _, t in items if t), None)
            name = title or f"{self._short(author)} {kind}".strip()
            actor_id = f"document:{slug(name)}"
            draft = self.drafts.setdefault(actor_id, Draft(actor_id, name, "document"))
            draft.tags.add(kind)
            if author:
                self._affiliate(draft, author)
            for token, _, _ in items:
                start = min([t.i for t in token.lefts
                             if t.dep_ in ("compound", "amod") and t.i not in self.taken] + [token.i])
                self.add(start, token.i + 1, actor_id, "document")

    def _last_issuer(self, before: int) -> str | None:
        earlier = sorted((f for f in self.found if f.start < before), key=lambda f: f.start)
        igo = next((f.actor for f in reversed(earlier) if f.actor.startswith("igo:")), None)
        state = next((f.actor for f in reversed(earlier) if f.actor.startswith("state:")), None)
        return igo or state

    def _short(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        if actor_id.startswith("igo:"):
            return actor_id[4:]
        return self.drafts[actor_id].name

    def _document_author(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in ("compound", "poss", "nmod", "amod"):
                actor = self._actor_at(child.i)
                if actor:
                    return actor
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                for pobj in child.children:
                    actor = self._actor_at(pobj.i)
                    if actor:
                        return actor
                    if pobj.lemma_.lower() in _DESCRIPTION_NOUNS_FOR_AUTHOR:
                        return self._last_igo_for(pobj.lemma_.lower(), pobj.i)
        return None

    def _last_igo_for(self, noun: str, before: int) -> str | None:
        ids = set(self.kb.igos_for_noun(noun))
        earlier = [f for f in self.found if f.start < before and f.actor.startswith("igo:") and f.actor[4:] in ids]
        return max(earlier, key=lambda f: f.start).actor if earlier else None

    def _document_title(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in ("acl", "appos") and child.lower_ in _TITLE_OF:
                quoted = _quoted_after(self.doc, child.i + 1)
                if quoted:
                    return quoted
        return _quoted_after(self.doc, token.i + 1) if token.i + 1 < len(self.doc) and \
            self.doc[token.i + 1].lower_ in _TITLE_OF else None




def _quoted_after(doc: Doc, i: int) -> str | None:
    if i < len(doc) and doc[i].text in {"titled", "entitled", "called", "named"}:
        i += 1
    if i >= len(doc) or doc[i].text not in _QUOTES_OPEN:
        return None
    for j in range(i + 1, min(len(doc), i + 20)):
        if doc[j].text in _QUOTES_CLOSE:
            return doc[i + 1:j].text or None
    return None


