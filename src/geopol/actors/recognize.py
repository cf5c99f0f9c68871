"""Finding actor mentions in a parsed document: names, metonyms, demonyms, agents, people, documents.

This stage looks at each token span once and decides what actor it names, using the knowledge
base, the parser and the named-entity tagger. Anaphora ("he", "the alliance") is left to
:mod:`geopol.actors.coref`. The output is a list of :class:`Found` mentions with draft actors.

Limits: names are matched case-sensitively (so "US" is not "us"); an ambiguous name ("Georgia",
"Jordan") counts only when the tagger calls it a place or nationality; persons unknown to the
knowledge base are taken from the tagger's PERSON entities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from geopol.actors.documents import DocumentFinder
from geopol.actors.drafts import Draft, Found, slug
from geopol.actors.kb import Agent, KnowledgeBase, NameRef
from geopol.actors.sides import SideFinder
from geopol.nlp.lemmas import lemma_forms

PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})


_MATCHERS: dict[tuple[int, int], PhraseMatcher] = {}
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _build_matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = sorted(kb.names)
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        docs = [nlp.make_doc(name) for name in chunk]
        for name, doc in zip(chunk, docs, strict=True):
            matcher.add(name, [doc])
    return matcher


def phrase_matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    """A PhraseMatcher over every name in the knowledge base, built once per (model, kb)."""
    key = (id(nlp), id(kb))
    if key not in _MATCHERS:
        _MATCHERS[key] = _build_matcher(nlp, kb)
    return _MATCHERS[key]


class Recognizer(DocumentFinder, SideFinder):
    """Turns a Doc into drafts and mentions; one instance per document."""

    def __init__(self, kb: KnowledgeBase, doc: Doc, when: dt.date | None) -> None:
        self.kb = kb
        self.doc = doc
        # Iterating a Doc builds a new Token per token each time: the passes share one list.
        self.tokens: list[Token] = list(doc)
        self.when = when
        self.drafts: dict[str, Draft] = {}
        self.found: list[Found] = []
        self.taken: set[int] = set()
        self.places: dict[int, str] = {}
        self.ethnic_home: dict[int, str] = {}
        self.ethnic_tokens: set[int] = set()
        self.quoted: list[tuple[int, int]] = []
        self.sent_starts: list[int] = [0]
        self.genders: dict[str, str] = {}
        self.ents = list(doc.ents)
        self.token_actor: dict[int, str] = {}

    # -- drafts ----------------------------------------------------------------------------------
    def state(self, iso3: str) -> str:
        actor_id = f"state:{iso3}"
        if actor_id not in self.drafts:
            s = self.kb.states[iso3]
            self.drafts[actor_id] = Draft(actor_id, s.name, "state", iso3, None, s.cameo)
        return actor_id

    def igo(self, igo_id: str) -> str:
        actor_id = f"igo:{igo_id}"
        if actor_id not in self.drafts:
            g = self.kb.igos[igo_id]
            kind = "group" if g.kind == "group" else "igo"
            self.drafts[actor_id] = Draft(actor_id, g.name, kind, None, None, g.cameo)
            if g.kind == "group":
                self.expand_members(actor_id)
        return actor_id

    def expand_members(self, actor_id: str) -> None:
        """List the members of a group or IGO (on the article's date) as state actors."""
        draft = self.drafts[actor_id]
        if draft.members or not actor_id.startswith("igo:"):
            return
        for member in self.kb.members(actor_id[4:], self.when):
            draft.members.append(self.state(member) if member in self.kb.states else self.igo(member))

    def group(self, group_id: str) -> str:
        actor_id = f"group:{group_id}"
        if actor_id not in self.drafts:
            g = self.kb.groups[group_id]
            self.drafts[actor_id] = Draft(actor_id, g.name, g.actor_kind, g.country, g.sector, g.cameo)
        return actor_id

    def agent(self, country: str | None, sector: str, name: str, kind: str) -> str:
        actor_id = f"agent:{country or ''}{sector}" if country else f"agent:{slug(name)}"
        if country:
            # One name per (country, sector), whatever word the article used first, so that the
            # same actor is named alike in every article ("China police", "United States government").
            name = f"{self.kb.states[country].name} {SECTOR_NAMES.get(sector, sector)}"
        if actor_id not in self.drafts:
            cameo = f"{self.kb.org_cameo(country) or country}{sector}" if country else sector
            self.drafts[actor_id] = Draft(actor_id, name, kind, country, sector, cameo)
        return actor_id

    def igo_agent(self, igo: str, sector: str, name: str, kind: str) -> str:
        """An organ or staff of an IGO: 'UN peacekeepers', 'NATO troops', 'EU officials'."""
        actor_id = f"agent:{igo[4:]}-{sector}"
        name = f"{igo[4:]} {SECTOR_NAMES.get(sector, sector)}"
        if actor_id not in self.drafts:
            cameo = f"{self.kb.igos[igo[4:]].cameo}{sector}" if sector != "IGO" else self.kb.igos[igo[4:]].cameo
            self.drafts[actor_id] = Draft(actor_id, name, kind, None, sector, cameo, affiliation=igo)
        return actor_id

    def person(self, key: str, name: str) -> str:
        actor_id = f"person:{key}"
        if actor_id not in self.drafts:
            draft = Draft(actor_id, name, "person")
            for office in self.kb.offices_of(key, self.when):
                self.apply_org(draft, office.org, office.sector)
                role = office.title if office.active(self.when or office.start) else f"former {office.title}"
                if role not in draft.roles:
                    draft.roles.append(role)
            self.drafts[actor_id] = draft
        return actor_id

    def apply_org(self, draft: Draft, org: str, sector: str | None) -> None:
        if org in self.kb.states:
            draft.affiliation = draft.affiliation or self.state(org)
            draft.country = draft.country or org
            draft.sector = draft.sector or sector
            draft.cameo = draft.cameo or f"{self.kb.states[org].cameo}{sector or ''}"
        elif org in self.kb.igos:
            draft.affiliation = draft.affiliation or self.igo(org)
            draft.sector = draft.sector or "IGO"
            draft.cameo = draft.cameo or self.kb.igos[org].cameo

    def add(self, start: int, end: int, actor_id: str, how: str, shown: tuple[int, int] | None = None) -> None:
        self.found.append(Found(start, end, actor_id, how, shown))
        self.taken.update(range(start, end))
        for i in range(start, end):
            self.token_actor.setdefault(i, actor_id)

    # -- passes ----------------------------------------------------------------------------------
    def run(self, matcher: PhraseMatcher) -> None:
        self.names(matcher)
        self.people()
        self.office_titles()
        self.agents()
        self.organisations()
        self.widen()
        self.documents()
        self.found.sort(key=lambda f: (f.start, f.end))
        self.infer_sides()

    def names(self, matcher: PhraseMatcher) -> None:
        doc = self.doc
        spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
        spans.sort(key=lambda s: (-(s.end - s.start), s.start))
        self._drop_demonym_persons(spans)
        ethnic = []
        groups: list[tuple[Span, NameRef]] = []
        for span in spans:
            if any(i in self.taken for i in range(span.start, span.end)):
                continue
            refs = self.kb.lookup(span.label_)
            if self._ethnic(span) and span.root.dep_ not in ("amod", "compound") and \
                    any(r.kind == "people" for r in refs):
                ethnic.append(span)
                self.taken.update(range(span.start - 1, span.end))
                continue
            ref = self._choose(span, refs)
            if ref is None:
                continue
            if ref.kind in ("ethnic", "people"):
                # after every other name, so that the states the sentence names are known
                groups.append((span, ref))
                self.taken.update(range(span.start, span.end))
                continue
            self._add_ref(span, ref)
        for span, ref in groups:
            self._add_ref(span, ref)
        for span in ethnic:
            self._ethnic_group(span)

    def _drop_demonym_persons(self, spans: list[Span]) -> None:
        """The tagger sometimes calls a people a PERSON ("Bosnian Serbs"): an entity made only of
        demonyms and peoples' names is read as a nationality (NORP) instead."""
        nationals: set[int] = set()
        for span in spans:
            if any(r.kind in ("adjective", "people") or r.kind == "ethnic" and not r.ambiguous
                   for r in self.kb.lookup(span.label_)):
                nationals.update(range(span.start, span.end))
        self.ents = [Span(self.doc, e.start, e.end, label="NORP")
                     if e.label_ == "PERSON" and all(t.i in nationals or t.is_punct for t in e) else e
                     for e in self.ents]

    def _ethnic_group(self, span: Span) -> None:
        """'ethnic Albanians': people of that origin, not the state; their country is where the
        text puts them ("ethnic Albanians in Serbia"), else unknown."""
        country = self._country_of(span.root)
        if country is None:
            # "ethnic Albanians protested in southern Serbia": the one other state the sentence names
            own = {r.key for r in self.kb.lookup(span.text) if r.kind == "people"}
            others = self._sentence_states(span) - own
            country = next(iter(others)) if len(others) == 1 else None
        name = f"ethnic {span.text}"
        actor_id = self.agent(country, "CVL", name, "group")
        if name not in self.drafts[actor_id].roles:
            self.drafts[actor_id].roles.append(name)
        self.add(span.start - 1, span.end, actor_id, "people")

    def _entity(self, span: Span) -> Span | None:
        for ent in self.ents:
            if ent.start <= span.start and span.end <= ent.end:
                return ent
        return None

    def _choose(self, span: Span, refs: list[NameRef]) -> NameRef | None:
        ent = self._entity(span)
        ent_label = ent.label_ if ent is not None else None
        inside_person = ent_label == "PERSON" and (ent.end - ent.start) > (span.end - span.start)  # type: ignore[union-attr]
        usable = []
        for ref in refs:
            if ref.kind == "person":
                usable.append(ref)
                continue
            if inside_person:
                continue
            if ref.kind == "igo-metonym" and not self._modifier_context(span, ref):
                continue
            if ref.kind == "ethnic" and ref.ambiguous and not (self._noun_modifier(span.root) or span.text != ref.key):
                continue  # "Karen guerrillas", "the Karens"; never "Karen said"
            if ref.kind == "ethnic":
                usable.append(ref)
                continue
            if ref.ambiguous and not (self._place_context(span, ent_label) or self._modifier_context(span, ref)):
                continue
            usable.append(ref)
        if not usable:
            return None
        # A person name wins inside a PERSON entity; otherwise states before IGOs before persons.
        order = {"person": 0} if ent_label == "PERSON" else {"state": 0, "igo": 1, "group": 2, "metonym": 3,
                                                             "adjective": 4, "people": 5, "person": 6, "ethnic": 7}
        return sorted(usable, key=lambda r: order.get(r.kind, 9))[0]

    def _modifier_context(self, span: Span, ref: NameRef) -> bool:
        """'Chinese officials', "Jordan's King Abdullah": a demonym or possessive naming an actor's side."""
        root = span.root
        if self._ethnic(span):
            return False
        head = root.head
        if ref.kind in ("adjective", "people") and root.dep_ in ("amod", "compound", "nmod"):
            return head.lemma_.lower() in self.kb.agents or head.pos_ == "PROPN" or \
                head.lower_.replace("-", " ") in {" ".join(k) for k in self.kb.titles}
        if ref.kind == "igo-metonym":
            return root.dep_ in ("nsubj", "nsubjpass", "poss", "compound") or (
                root.dep_ == "pobj" and root.head.lower_ in {"by", "from"} and root.head.head.pos_ == "VERB")
        if ref.kind in ("state", "metonym") and root.dep_ == "poss":
            return head.pos_ == "PROPN" or head.lemma_.lower() in self.kb.agents
        return False

    def _place_context(self, span: Span, label: str | None) -> bool:
        if label not in PLACE_LABELS:
            return False
        after = self.doc[span.end] if span.end < len(self.doc) else None
        before = self.doc[span.start - 1] if span.start > 0 else None
        if after is not None and after.lower_ in {"state", "county"}:
            return False
        if before is not None and before.lower_ in {"ethnic", "of"} and span.root.dep_ != "pobj":
            return False
        return not (before is not None and before.lower_ == "ethnic")

    def _add_ref(self, span: Span, ref: NameRef) -> None:
        if ref.kind == "state":
            self.add(span.start, span.end, self.state(ref.key), "name")
        elif ref.kind == "metonym":
            if ref.sector in (None, "GOV"):
                self.add(span.start, span.end, self.state(ref.key), "metonym")
            else:
                name = f"{self.kb.states[ref.key].name} {ref.sector}"
                self.add(span.start, span.end, self.agent(ref.key, ref.sector, name, "organization"), "metonym")
        elif ref.kind == "igo":
            self.add(span.start, span.end, self.igo(ref.key), "name")
        elif ref.kind == "igo-metonym":
            self.add(span.start, span.end, self.igo(ref.key), "metonym")
        elif ref.kind == "group":
            self.add(span.start, span.end, self.group(ref.key), "name")
        elif ref.kind == "person":
            name = self.kb.offices[ref.key][0].name
            self.add(span.start, span.end, self.person(ref.key, name), "name")
            self._titles(span, f"person:{ref.key}")
        elif ref.kind == "adjective":
            self._adjective(span, ref.key)
        elif ref.kind == "place":
            self.places.update({i: ref.key for i in range(span.start, span.end)})
            self.add(span.start, span.end, self.state(ref.key), "place")
        elif ref.kind == "ethnic":
            self._ethnic_name(span, ref.key)
        elif ref.kind == "people":
            if self._ethnic(span):
                return
            home = self._people_home(span, ref.key)
            if home is not None:
                # "Bosnian Serbs", "Croatian Serbs": that people living in the state the demonym
                # names (CAMEO codes them by that state, with the people as their ethnic code)
                country, first = home
                actor_id = self.agent(country, "CVL", span.text, "group")
                if span.text not in self.drafts[actor_id].roles:
                    self.drafts[actor_id].roles.append(span.text)
                self.add(span.start, span.end, actor_id, "people", (first, span.end))
                return
            name = f"{self.kb.states[ref.key].name} citizens"
            self.add(span.start, span.end, self.agent(ref.key, "CVL", name, "group"), "people")

    @staticmethod
    def _noun_modifier(token: Token) -> bool:
        return token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ == "NOUN" and token.head.i > token.i

    def _ethnic_name(self, span: Span, group: str) -> None:
        """An ethnic group (ethnic-groups.tsv). Its state is the one a demonym or place before it
        names ("Turkish Kurds"), else its only home state, else unknown. Modifying a noun ("Karen
        guerrillas") it gives that agent its side; alone ("Kurds protested") it is a group of
        civilians."""
        root = span.root
        home = self.kb.ethnic_groups[group]
        country = next((self._country_at(c.i) for c in root.lefts
                        if c.dep_ in ("amod", "compound", "nmod") and self._country_at(c.i)), None)
        if country is None:
            # its only home, or the one of its homes the sentence names ("Hutu rebels ... Burundi")
            named = [h for h in home if h in self._sentence_states(span)]
            country = home[0] if len(home) == 1 else named[0] if len(named) == 1 else None
        if self._noun_modifier(root):
            self.taken.update(range(span.start, span.end))
            self.ethnic_tokens.update(range(span.start, span.end))
            if country:
                self.ethnic_home.update({i: country for i in range(span.start, span.end)})
            return
        actor_id = self.agent(country, "CVL", span.text, "group")
        if group not in self.drafts[actor_id].roles:
            self.drafts[actor_id].roles.append(group)
        self.add(span.start, span.end, actor_id, "people")

    def _ethnic(self, span: Span) -> bool:
        return span.start > 0 and self.doc[span.start - 1].lower_ == "ethnic"

    def _adjective(self, span: Span, iso3: str) -> None:
        """'Chinese' as a modifier: recorded as a state mention; agents pick the country up later."""
        if self._ethnic(span):
            return
        head = span.root.head
        if span.root.dep_ in ("amod", "compound", "nmod") and head.lower_ in {"language", "food", "cuisine"}:
            return
        self.add(span.start, span.end, self.state(iso3), "adjective")

    def people(self) -> None:
        """PERSON entities not in the knowledge base become person actors keyed by their name."""
        surnames: dict[str, str] = {}

        def remember(start: int, end: int, actor_id: str) -> None:
            # Family names come last in most names and first in Chinese, Korean and Hungarian
            # ones ("Qin Gang" ... "Qin said"), so both ends of a multi-word name are kept.
            surnames[self.doc[end - 1].text] = actor_id
            if end - start > 1 and self.doc[start].is_title:
                surnames.setdefault(self.doc[start].text, actor_id)

        for f in self.found:
            if f.actor.startswith("person:"):
                remember(f.start, f.end, f.actor)
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            tokens = [t for t in ent if not (t.is_punct and t.text not in {"-", "."})]
            while tokens and (tokens[0].lower_ in _TITLE_WORDS or self._is_actor_token(tokens[0])
                              or self._is_title_word(tokens[0])):
                tokens = tokens[1:]
            while tokens and tokens[-1].lower_ in {"'s", "’s"}:
                tokens = tokens[:-1]
            if not tokens or any(t.i in self.taken for t in tokens):
                continue
            if not any(t.is_title or t.is_upper for t in tokens) or all(t.lower_ in _NAME_SUFFIXES for t in tokens):
                continue  # "III" of "Lloyd J. Austin III" is no one of its own
            start, end = tokens[0].i, tokens[-1].i + 1
            name = self.doc[start:end].text
            if end - start == 1 and name in surnames:
                self.add(start, end, surnames[name], "surname")
                continue
            actor_id = self.person(slug(name), name)
            remember(start, end, actor_id)
            self.add(start, end, actor_id, "name")
            self._titles(self.doc[start:end], actor_id)
        self._appositive_names(remember)
        for token in self.tokens:
            if token.pos_ == "PROPN" and token.i not in self.taken and token.text in surnames \
                    and token.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP"):
                nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
                if nxt is None or nxt.pos_ != "PROPN":
                    self.add(token.i, token.i + 1, surnames[token.text], "surname")

    def _appositive_names(self, remember: Callable[[int, int, str], None]) -> None:
        """Names the tagger missed but the syntax gives away: a capitalised name in apposition to
        a title ("Russia's ambassador, Vassily Nebenzia,") is a person with that title."""
        for token in self.tokens:
            if token.dep_ != "appos" or token.pos_ != "PROPN" or token.i in self.taken:
                continue
            agent = self.kb.agents.get(token.head.lemma_.lower())
            if agent is None or agent.kind != "person":
                continue
            left = token.left_edge.i
            tokens = [t for t in self.doc[left:token.i + 1] if t.pos_ == "PROPN" and t.is_title]
            if not tokens or len(tokens) > 4 or any(t.i in self.taken for t in tokens):
                continue
            start, end = tokens[0].i, tokens[-1].i + 1
            name = self.doc[start:end].text
            actor_id = self.person(slug(name), name)
            remember(start, end, actor_id)
            self.add(start, end, actor_id, "name")
            draft = self.drafts[actor_id]
            if agent.role not in draft.roles:
                draft.roles.append(agent.role)
            draft.sector = draft.sector or agent.sector
            owner = self._country_of(token.head)
            if owner:
                self._affiliate(draft, self.state(owner))

    def _is_actor_token(self, token: Token) -> bool:
        return token.i in self.taken

    def _is_title_word(self, token: Token) -> bool:
        agent = self.kb.agents.get(token.lower_.rstrip("."))
        return agent is not None and agent.kind == "person"

    # -- titles and appositions -----------------------------------------------------------------
    def _titles(self, name: Span, actor_id: str) -> None:
        """Roles and affiliation from 'NATO Secretary-General X' and 'X, a spokesperson for Y'."""
        draft = self.drafts[actor_id]
        doc = self.doc
        # Everything left of the name inside its noun phrase ("Lebanon's new President"), up to a
        # comma or quotation mark.
        title_tokens: list[Token] = []
        i = name.start - 1
        left_edge = name.root.left_edge.i
        while i >= left_edge and doc[i].text not in {",", "“", "\"", "(", ";"} and doc[i].dep_ != "det":
            title_tokens.insert(0, doc[i])
            i -= 1
        if not title_tokens:
            # the parser made the name an apposition of its title ("ambassador Brah Mohamane")
            i = name.start - 1
            while i >= 0 and doc[i].dep_ in ("compound", "amod", "punct", "nmod", "poss", "case") \
                    and doc[i].text not in {",", "“", "\"", "(", ";"}:
                title_tokens.insert(0, doc[i])
                i -= 1
            if i >= 0 and doc[i].pos_ == "NOUN" and doc[i].text not in {",", "“"} and \
                    self.kb.agents.get(doc[i].lower_) is not None:
                # "Niger's ambassador Brah Mohamane": the title's own modifiers name the side
                title_tokens[:0] = [*(c for c in doc[i].lefts if c.dep_ in ("poss", "compound", "amod", "nmod")
                                      and self._actor_at(c.i)), doc[i]]
        orgs = [self._actor_at(t.i) for t in title_tokens]
        if any(t.lower_ in _FORMER for t in title_tokens):
            draft.tags.add("former")
        role_words = [t for t, o in zip(title_tokens, orgs, strict=True)
                      if o is None and t.dep_ != "case" and t.lower_ not in _TITLE_ADJECTIVES and not t.is_punct
                      or t.text == "-"]
        for org_actor in orgs:
            if org_actor and org_actor != actor_id:
                self._affiliate(draft, org_actor)
        title = _join(role_words)
        if not title:
            title, org_actor = self._title_before(name.start)
            if org_actor and org_actor != actor_id:
                self._affiliate(draft, org_actor)
        if title:
            sector = self._sector_of(title)
            if sector and not draft.sector:
                draft.sector = sector
            if title.lower() not in {r.lower() for r in draft.roles}:
                draft.roles.append(title)
        if "former" in draft.tags and draft.sector in _STATE_SECTORS:
            # "ousted President Akayev", "former prime minister X": CAMEO codes former officials
            # as elites (ELI)
            if draft.cameo and draft.cameo.endswith(draft.sector):
                draft.cameo = draft.cameo[:-3] + "ELI"
            draft.sector = "ELI"
        for child in name.root.children:
            if child.dep_ == "appos":
                self._apposition(draft, child)
            elif child.dep_ == "prep" and child.lower_ == "of" and child.i >= name.end:
                # "President Francois Mitterrand of France"
                for pobj in child.children:
                    org = self._actor_at(pobj.i)
                    if pobj.dep_ == "pobj" and org and org.split(":")[0] in ("state", "igo"):
                        self._affiliate(draft, org)

    def _title_before(self, start: int) -> tuple[str, str | None]:
        """An office title written right before a name ("U.S. Secretary of State Warren Christopher"),
        with the state or IGO written before the title, if any."""
        words = [t.lower_ for t in self.doc[max(0, start - 8):start]]
        offset = max(0, start - 8)
        for begin in range(len(words)):
            key = tuple(w for w in words[begin:] if w != "-")
            if key in self.kb.titles:
                title = self.doc[offset + begin:start].text
                before = offset + begin - 1
                while before >= 0 and self.doc[before].lower_ in {"'s", "’s"}:
                    before -= 1
                org = self._actor_at(before) if before >= 0 else None
                return title, org if org and org.split(":")[0] in ("state", "igo") else None
        return "", None

    def _apposition(self, draft: Draft, head: Token) -> None:
        agent = self.kb.agents.get(head.lemma_.lower())
        role = agent.role if agent else head.lemma_.lower()
        if agent and not draft.sector:
            draft.sector = agent.sector
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod"):
                org = self._actor_at(child.i)
                if org:
                    self._affiliate(draft, org)
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"for", "of", "at", "to"}):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                org = self._actor_at(pobj.i)
                institution = self._institution(pobj)
                if institution:
                    role = f"{role}, {institution}"
                for tok in pobj.subtree:
                    found = self._actor_at(tok.i)
                    if found:
                        org = org or found
                if org:
                    self._affiliate(draft, org)
        head_word = role.split(",")[0].split()[-1].lower() if role else ""
        if role and not any(head_word in r.lower() for r in draft.roles):
            draft.roles.append(role)

    def _institution(self, noun: Token) -> str | None:
        words = [t.lower_ for t in noun.lefts if t.dep_ in ("amod", "compound") and self._actor_at(t.i) is None]
        for size in range(len(words), -1, -1):
            term = " ".join([*words[len(words) - size:], noun.lemma_.lower()])
            agent = self.kb.agents.get(term)
            if agent and agent.kind == "organization":
                return agent.role
        return None

    def _affiliate(self, draft: Draft, org_actor: str) -> None:
        if draft.affiliation and draft.affiliation != org_actor:
            return
        org = self.drafts.get(org_actor)
        if org is None or org.kind == "person":
            return
        draft.affiliation = org_actor
        if org.kind == "state":
            draft.country = draft.country or org.country
            draft.cameo = draft.cameo or f"{org.cameo}{draft.sector or ''}"
        else:
            draft.country = draft.country or org.country
            draft.cameo = draft.cameo or org.cameo

    def _sector_of(self, title: str) -> str | None:
        words = title.lower().replace("-", " ").split()
        for size in range(len(words), 0, -1):
            for start in range(0, len(words) - size + 1):
                office = self.kb.titles.get(tuple(words[start:start + size]))
                if office:
                    return "IGO" if office == "igo_head" else "GOV"
        for size in range(len(words), 0, -1):
            for start in range(0, len(words) - size + 1):
                for joiner in (" ", "-"):
                    agent = self.kb.agents.get(joiner.join(words[start:start + size]))
                    if agent:
                        return agent.sector
        return None

    def _actor_at(self, i: int) -> str | None:
        return self.token_actor.get(i)

    # -- office titles -------------------------------------------------------------------------------
    def office_titles(self) -> None:
        """'the Chinese foreign minister', 'NATO's secretary-general': the holder on the article's date.

        A title followed by a name ("Foreign Minister Wang Yi") is left to the name; a title with no
        state or IGO before it ("the foreign minister") or no holder in the table stays an agent.
        """
        if self.when is None:
            return
        doc = self.doc
        words = [t.lower_ for t in self.tokens]
        longest = max((len(k) for k in self.kb.titles), default=0)
        firsts = {k[0] for k in self.kb.titles if k}
        i = 0
        while i < len(doc):
            match = self._title_at(words, i, longest) if words[i] in firsts else None
            if match is None or any(j in self.taken for j in range(i, match[0])):
                i += 1
                continue
            end, office = match
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and (nxt.i in self.taken or nxt.ent_type_ == "PERSON"):
                i = end
                continue
            org = self._title_org(i, end)
            holder = self.kb.holder(org, office, self.when) if org else None
            if holder is not None:
                self.add(i, end, self.person(holder.person, holder.name), "title")
            i = end

    def _title_at(self, words: list[str], i: int, longest: int) -> tuple[int, str] | None:
        """(end, office) of the longest title starting at token ``i`` (hyphens are skipped)."""
        best = None
        key: tuple[str, ...] = ()
        j = i
        while j < len(words) and len(key) < longest:
            if words[j] != "-":
                key = (*key, words[j])
                if key in self.kb.titles:
                    best = (j + 1, self.kb.titles[key])
            j += 1
        return best

    def _title_org(self, start: int, end: int) -> str | None:
        """The state or IGO a title belongs to: a modifier just before it, or 'of X' after it."""
        doc = self.doc
        j = start - 1
        while j >= 0 and j not in self.taken and doc[j].lower_ in {"'s", "’s", "-"} | _TITLE_ADJECTIVES:
            j -= 1
        if j >= 0 and j in self.taken:
            actor = self._actor_at(j)
            if actor and actor.split(":")[0] in ("state", "igo"):
                return actor.split(":", 1)[1]
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            actor = self._actor_at(end + 1)
            if actor and actor.split(":")[0] in ("state", "igo"):
                return actor.split(":", 1)[1]
        return None

    # -- generic agents ---------------------------------------------------------------------------
    def agents(self) -> None:
        doc = self.doc
        for token in self.tokens:
            if token.i in self.taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            compound = token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN")
            if compound and (token.head.pos_ == "PROPN" or token.head.i in self.taken
                             or self._agent_term(token.head) is not None):
                continue  # part of a name or a longer agent term ("Rebel Front", "border patrol")
            if self._in_named_org(token):
                continue  # left to organisations(): "Union of Teachers", "Workers' Union"
            if token.lemma_.lower() == "counterpart" and any(c.dep_ == "poss" for c in token.children):
                continue  # "his Japanese counterpart" is resolved by coreference (geopol.actors.coref)
            match = self._agent_term(token)
            if match is None:
                continue
            start, agent = match
            if agent.sector == "GOV" and any(c.i in self.ethnic_tokens for c in token.lefts):
                # "Yoruba leaders", "Kurdish officials": an ethnic group's notables, not a government
                agent = replace(agent, sector="ELI")
            owner_group = next((self._actor_at(c.i) for c in token.children
                                if c.dep_ in ("compound", "poss") and (self._actor_at(c.i) or "").startswith("group:")),
                               None)
            if owner_group and agent.kind in ("group", "person"):
                # "Hamas fighters", "Taliban commanders": the group itself acts
                self.add(start, token.i + 1, owner_group, "agent")
                continue
            if agent.kind == "person" and self._titles_a_person(token):
                continue
            country = self._country_of(token)
            igo = None if country else self._igo_of(token)
            if (agent.owned or compound) and country is None and igo is None:
                # An agent word modifying another noun counts only with a side: "Israeli army
                # bulldozers", "in Iraqi police custody", "Ugandan opposition candidates".
                continue
            if country is None and igo is None and self._definite(token):
                antecedent = self._role_antecedent(token, agent.role, start)
                if antecedent:
                    self.add(start, token.i + 1, antecedent, "description")
                    continue
            if country is None and igo is None and token.dep_ == "pobj" and token.head.head.i in self.taken:
                continue
            name = doc[start:token.i + 1].text
            owner = self.kb.states[country].name if country else igo[4:] if igo else None
            if owner:
                name = f"{owner} {agent.role}" if agent.kind != "group" else f"{owner} {token.lemma_.lower()}s"
            kind = "organization" if agent.kind == "organization" else "group"
            actor_id = self.igo_agent(igo, agent.sector, name, kind) if igo else \
                self.agent(country, agent.sector, name, kind)
            if agent.role not in self.drafts[actor_id].roles:
                self.drafts[actor_id].roles.append(agent.role)
            self.add(start, token.i + 1, actor_id, "agent", self._shown(token, start))
            if country:
                self._coordinated_sides(token, country, agent)

    def _role_antecedent(self, token: Token, role: str, before: int) -> str | None:
        """'the spokeswoman' after 'Mao Ning, a foreign ministry spokeswoman'; 'the official' after
        'a senior US official': the nearest earlier actor whose roles share the title's head word."""
        head = role.lower().replace("-", " ").split()[-1]
        best: str | None = None
        for f in self.found:
            if f.start >= before:
                continue
            draft = self.drafts[f.actor]
            if draft.kind in ("state", "igo", "document"):
                continue
            roles = " ".join(r.lower().replace("-", " ") for r in draft.roles)
            if head in roles.split() or head in roles:
                best = f.actor
        return best

    def _agent_term(self, token: Token) -> tuple[int, Agent] | None:
        lefts = [t for t in token.lefts if t.dep_ in ("amod", "compound") and t.i not in self.taken]
        lefts = [t for t in lefts if t.i >= token.i - 3]
        # The small model leaves plural proper nouns unlemmatised ("Hutus"): try regular singulars.
        heads = lemma_forms(token) if token.pos_ == "PROPN" else (token.lemma_.lower(),)
        for size in range(len(lefts), -1, -1):
            words = [t.lower_ for t in lefts[len(lefts) - size:]]
            for head in heads:
                agent = self.kb.agents.get(" ".join([*words, head]))
                if agent:
                    start = lefts[len(lefts) - size].i if size else token.i
                    return start, agent
        return None

    def _titles_a_person(self, token: Token) -> bool:
        """A title noun next to a person's name is that person's role, not a separate actor."""
        if token.dep_ == "appos" and self._actor_at(token.head.i, ) and \
                (self._actor_at(token.head.i) or "").startswith("person:"):
            return True
        if any(c.dep_ == "appos" and (self._actor_at(c.i) or "").startswith("person:") for c in token.children):
            return True  # "Russia's ambassador, Vassily Nebenzia": the title belongs to the name
        nxt = token.i + 1
        return nxt < len(self.doc) and (self._actor_at(nxt) or "").startswith("person:")

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "OPP": "opposition",
    "CVL": "civilians", "MED": "media", "JRN": "journalists", "BUS": "business", "JUD": "judiciary",
    "LEG": "legislature", "EDU": "education", "HLH": "health sector", "REF": "refugees", "IGO": "organization",
    "NGO": "NGOs", "REL": "religious", "LAB": "labor", "SPY": "intelligence", "CRM": "criminals",
    "UAF": "armed groups", "INS": "insurgents", "AGR": "agriculture", "ELI": "elites", "ENV": "environmental",
    "MOD": "moderates", "RAD": "radicals",
}
_TITLE_ADJECTIVES = frozenset({"new", "former", "then", "incoming", "outgoing", "acting", "current", "interim"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_FORMER = frozenset({"former", "ex", "ex-", "ousted", "deposed", "exiled", "late"})
_TITLE_WORDS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister",
                          "secretary", "general", "prime", "premier", "chancellor", "king", "queen", "prince"})


def _join(tokens: Iterable[Token]) -> str:
    out = ""
    for t in tokens:
        out += t.text_with_ws
    return out.strip()
