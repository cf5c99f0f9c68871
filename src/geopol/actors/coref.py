"""In-document coreference by rules on the parse (no statistical model is available offline).

Rules, applied in order over a :class:`~geopol.actors.recognize.Recognizer`'s mentions:

1. *Descriptions naming their referent*: "the informal alliance known as the Quad" is the Quad.
2. *Members of a group*: "the four Quad countries", "NATO members" are the group, flagged so that
   events expand it to its members.
3. *Definite descriptions*: "the alliance" / "the bloc" go to the nearest preceding IGO whose
   knowledge-base nouns include that word (likewise "the militant group" for armed groups);
   "the (South Asian) country" to the nearest preceding
   state (of that region); "the report" to the latest document of that kind.
4. *Counterparts*: "his Japanese counterpart" is the holder, on the article's date, of the
   possessor's office in the named state.
5. *Pronouns*: he/she/him/her/his inside a relative clause to the person it describes ("de Klerk,
   who ... his country"), else to the most salient preceding person; it/its to the nearest
   preceding state, organisation or document (skipping expletive "it"); they/them/their to the
   nearest preceding group, organisation or plural agent ("workers", "the government"; never a
   singular agent noun such as "a worker" or "the official"), and a subject "they" continues an
   earlier subject "they" rather than taking what it acted on. First-person pronouns inside
   quotes are resolved later, by the quote stage, to the speaker.
6. *Binding*: a non-reflexive object pronoun is not the subject of its own clause ("he would only
   welcome him"; "X refused to meet him" through control), and a subject pronoun is none of the
   actors its clause acts on ("they killed the villagers"); the next compatible antecedent is taken.

Limits: gender is known only from titles, role words and earlier pronouns; number from the
mention's tag and a few collective nouns; cataphora ("Before he left, Putin said") is not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from geopol.actors.documents import DOCUMENT_NOUNS
from geopol.actors.drafts import Found
from geopol.actors.recognize import Recognizer
from geopol.datafiles import data_path, read_rows
from geopol.quotes.marks import find_quotes

MALE_FEMALE = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
_FEMALE_WORDS = frozenset({"ms", "ms.", "mrs", "mrs.", "madam", "spokeswoman", "chairwoman", "queen", "princess",
                           "congresswoman", "businesswoman", "she", "her"})
_MALE_WORDS = frozenset({"mr", "mr.", "spokesman", "chairman", "king", "prince", "congressman", "businessman",
                         "sheikh", "emir"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
COUNTRY_NOUNS = frozenset({"country", "nation"})
MEMBER_NOUNS = frozenset({"country", "nation", "member", "state", "government", "partner", "ally"})
_NAMING = frozenset({"know", "call", "name", "dub"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True, slots=True)
class RegionWords:
    regions: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path | None = None) -> RegionWords:
        rows = read_rows(path or data_path("actors", "regions.tsv"), ("term", "regions"))
        return cls({r.get("term"): frozenset(r.items("regions")) for r in rows})


def resolve(rec: Recognizer, regions: RegionWords) -> None:
    """Add coreference mentions to ``rec.found`` (in place on the recognizer's working state)."""
    doc = rec.doc
    rec.quoted = [(m.start, m.end) for m in find_quotes(doc.text)]
    rec.sent_starts = [0, *(t.i for t in rec.tokens[1:] if t.is_sent_start)]
    for token in rec.tokens:
        if token.i in rec.taken:
            continue
        if token.pos_ == "PRON":
            _pronoun(rec, token)
        elif token.pos_ in ("NOUN", "PROPN"):
            _description(rec, token, regions)
    rec.found.sort(key=lambda f: (f.start, f.end))


def _inside_quote(rec: Recognizer, i: int) -> bool:
    char = rec.doc[i].idx
    return any(start <= char < end for start, end in rec.quoted)


def _preceding(rec: Recognizer, before: int, accept: set[str] | None = None, kinds: set[str] | None = None,
               prefix: str | None = None) -> str | None:
    """The nearest earlier mention of the right kind. From outside a quote, mentions inside
    quotation marks are skipped ('"... Putin lied," he said': he is not Putin)."""
    best: Found | None = None
    outside = not _inside_quote(rec, before)
    for f in rec.found:
        if f.start >= before or (best is not None and f.start <= best.start):
            continue
        if outside and _inside_quote(rec, f.start):
            continue
        draft = rec.drafts[f.actor]
        if kinds is not None and draft.kind not in kinds:
            continue
        if accept is not None and f.actor not in accept:
            continue
        if prefix is not None and not f.actor.startswith(prefix):
            continue
        best = f
    return best.actor if best else None


def _person_antecedent(rec: Recognizer, pronoun: Token, barred: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The person a he/she pronoun refers to, by salience rather than mere recency.

    Sentences are searched from the pronoun's own backwards (three at most); in the first one
    holding a compatible person, the subject of the main clause wins over other subjects, which
    win over any other mention; ties go to the earliest mention. Persons whose gender is known
    to differ are skipped; gender comes from titles and role words ("Ms", "spokeswoman") and
    from pronouns already resolved ("She told ..." makes the speaker female).
    """
    female = pronoun.lower_ in FEMALE
    outside = not _inside_quote(rec, pronoun.i)
    sent_starts = rec.sent_starts
    here = max(i for i, start in enumerate(sent_starts) if start <= pronoun.i)
    for k in range(here, max(-1, here - 4), -1):
        start = sent_starts[k]
        end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(rec.doc)
        best: tuple[int, int, str] | None = None
        for f in rec.found:
            if not (start <= f.start < end) or (k == here and f.start >= pronoun.i):
                continue
            if rec.drafts[f.actor].kind != "person" or (outside and _inside_quote(rec, f.start)):
                continue
            if f.actor in barred:
                continue
            gender = rec.genders.get(f.actor) or _gender_from_words(rec, f)
            if gender and (gender == "f") != female:
                continue
            head = rec.doc[f.end - 1]
            while head.dep_ in ("compound", "flat") and head.head.i < f.end and head.head.i != head.i:
                head = head.head
            score = 3 if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT" else \
                2 if head.dep_ in ("nsubj", "nsubjpass") else 1
            key = (score, -f.start, f.actor)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is not None:
            return best[2]
    return None


def _relative_antecedent(rec: Recognizer, pronoun: Token) -> str | None:
    """'de Klerk, who is trying to end his country's isolation': a he/she pronoun inside a
    relative clause refers to the person the clause describes."""
    node = pronoun
    while node.head.i != node.i:
        if node.dep_ == "relcl":
            actor = rec.token_actor.get(node.head.i)
            if actor and actor.startswith("person:"):
                return actor
            return None
        if node.dep_ in ("ccomp", "advcl", "parataxis"):
            return None  # a clause of its own: the pronoun may point anywhere
        node = node.head
    return None


def _gender_from_words(rec: Recognizer, found: Found) -> str | None:
    words = [t.lower_ for t in rec.doc[max(0, found.start - 3):found.start]]
    words += [r.lower() for r in rec.drafts[found.actor].roles]
    if any(w in _FEMALE_WORDS or any(x in w for x in ("spokeswoman", "chairwoman")) for w in words):
        return "f"
    if any(w in _MALE_WORDS for w in words):
        return "m"
    return None


_EXPLETIVE_ADJECTIVES = frozenset({
    "clear", "unclear", "important", "likely", "unlikely", "possible", "impossible", "necessary", "difficult",
    "hard", "easy", "true", "essential", "crucial", "vital", "evident", "obvious", "surprising", "time",
    "worth", "right", "wrong", "too", "early", "late", "urgent", "imperative", "doubtful", "certain",
})


def _expletive(token: Token) -> bool:
    """'It is clear that...', 'it seems that...', 'it was reported that...': no referent.
    'It is willing to talk' keeps its referent: only evaluative adjectives make 'it' empty."""
    head = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if head.lemma_ in {"seem", "appear", "emerge", "remain"} or (token.dep_ == "nsubjpass" and any(
            c.dep_ == "ccomp" for c in head.children)):
        return any(c.dep_ in ("ccomp", "xcomp") for c in head.children)
    if head.lemma_ == "be":
        for c in head.children:
            if c.dep_ == "ccomp" and c.i > head.i:
                return True
            if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _EXPLETIVE_ADJECTIVES:
                return True
    return False


def _pronoun(rec: Recognizer, token: Token) -> None:
    lower = token.lower_
    actor: str | None = None
    barred = _barred(rec, token)
    if lower in MALE_FEMALE:
        actor = _relative_antecedent(rec, token)
        if actor is None or actor in barred:
            actor = _person_antecedent(rec, token, barred)
        if actor:
            rec.genders.setdefault(actor, "f" if lower in FEMALE else "m")
    elif lower in NEUTER:
        if _expletive(token):
            return
        actor = _preceding(rec, token.i, kinds={"state", "igo", "group", "document", "organization"})
    elif lower in PLURAL:
        actor = _plural_antecedent(rec, token, barred)
    if actor:
        rec.add(token.i, token.i + 1, actor, "pronoun")


_OBJECTS = frozenset({"dobj", "dative", "iobj", "pobj"})
_COLLECTIVE_HEADS = frozenset({
    "group", "force", "delegation", "population", "public", "crowd", "mob", "clergy", "workforce", "community",
    "staff", "team", "people", "union", "movement", "opposition", "artillery", "camp", "town", "village",
})


def _clause_verb(token: Token) -> Token | None:
    """The verb whose subject or object the pronoun is ('welcome' for 'him' in 'he would only
    welcome him', also through a preposition: 'met with them')."""
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "iobj"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "dative", "agent"):
        return token.head.head
    return None


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, through control ('Katsav refused to meet him': Katsav)."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _barred(rec: Recognizer, token: Token) -> set[str]:
    """Actors a pronoun cannot refer to, by its own clause.

    Binding: a non-reflexive object pronoun is not its clause's subject ('he would only welcome
    him': him is not he). A subject pronoun is none of the actors its clause acts on ('They killed
    our children': they are not the children)."""
    if token.lower_.endswith(("self", "selves")) or token.dep_ == "poss":
        return set()
    verb = _clause_verb(token)
    if verb is None:
        return set()
    barred: set[str] = set()
    if token.dep_ in ("nsubj", "nsubjpass"):
        for child in verb.children:
            objects = [child] if child.dep_ in _OBJECTS else \
                [c for c in child.children if c.dep_ == "pobj"] if child.dep_ in ("prep", "dative") else []
            for obj in objects:
                for t in (obj, *(c for c in obj.children if c.dep_ == "poss")):
                    actor = rec.token_actor.get(t.i)
                    if actor:
                        barred.add(actor)
        return barred
    subject = _subject_of(verb)
    if subject is not None and subject.i != token.i:
        for t in (subject, *(c for c in subject.children if c.dep_ == "conj")):
            actor = rec.token_actor.get(t.i)
            if actor:
                barred.add(actor)
    return barred


def _mention_head(rec: Recognizer, found: Found) -> Token:
    head = rec.tokens[found.end - 1]
    while head.dep_ in ("compound", "flat") and found.start <= head.head.i < found.end and head.head.i != head.i:
        head = head.head
    return head


def _plural_compatible(rec: Recognizer, found: Found) -> bool:
    """Whether a mention may be the antecedent of they/them/their: a plural noun, a collective
    (the government, the police, a group or organisation by name), or an earlier plural pronoun;
    not a singular agent noun ('a young worker', 'the official')."""
    head = _mention_head(rec, found)
    if found.how == "pronoun":
        return head.lower_ in PLURAL
    if head.tag_ in ("NNS", "NNPS") or head.pos_ == "PROPN":
        return True
    draft = rec.drafts[found.actor]
    if found.actor.startswith("agent:") and draft.kind == "group":
        return head.lemma_.lower() in _COLLECTIVE_HEADS
    return True


def _plural_antecedent(rec: Recognizer, token: Token, barred: set[str]) -> str | None:
    """The nearest earlier plural-compatible group or organisation (a nearer state or IGO means
    none). A subject 'they' does not go to what an earlier subject 'they' acted on but continues
    that pronoun ('They killed our children. They killed our brothers': the second 'they' is the
    first, resolved or not, never the children)."""
    outside = not _inside_quote(rec, token.i)
    best: Found | None = None
    for f in rec.found:
        if f.start >= token.i or (best is not None and f.start <= best.start):
            continue
        if outside and _inside_quote(rec, f.start):
            continue
        kind = rec.drafts[f.actor].kind
        if kind not in ("group", "igo", "organization", "state") or f.actor in barred:
            continue
        if kind in ("group", "organization") and not _plural_compatible(rec, f):
            continue
        best = f
    if best is None:
        return None
    if token.dep_ in ("nsubj", "nsubjpass"):
        verb = _clause_verb(_mention_head(rec, best))
        subject = _subject_of(verb) if verb is not None and _mention_head(rec, best).dep_ in _OBJECTS else None
        if subject is not None and subject.lower_ in PLURAL and subject.pos_ == "PRON" and subject.i < best.start:
            earlier = rec.token_actor.get(subject.i)
            return earlier if earlier and rec.drafts[earlier].kind in ("group", "organization") else None
    if rec.drafts[best.actor].kind not in ("group", "organization"):
        return None
    return best.actor


def _counterpart(rec: Recognizer, token: Token) -> str | None:
    """'his Japanese counterpart': the holder of the possessor's office in the other state."""
    if rec.when is None:
        return None
    owner = next((rec.token_actor.get(c.i) for c in token.children if c.dep_ == "poss"), None)
    state = next((rec.token_actor[c.i] for c in token.children
                  if c.dep_ in ("amod", "compound", "nmod") and rec.token_actor.get(c.i, "").startswith("state:")),
                 None)
    if owner is None or state is None or not owner.startswith("person:"):
        return None
    for office in rec.kb.offices_of(owner[len("person:"):], rec.when):
        if office.active(rec.when):
            holder = rec.kb.holder(state[len("state:"):], office.office, rec.when)
            if holder is not None:
                return rec.person(holder.person, holder.name)
    return None


def _description(rec: Recognizer, token: Token, regions: RegionWords) -> None:
    lemma = token.lemma_.lower()
    if lemma == "counterpart" and any(c.dep_ == "poss" for c in token.children):
        holder = _counterpart(rec, token)
        if holder is None:
            country = rec._country_of(token)
            holder = rec.agent(country, "GOV", "counterpart", "group") if country else None
        if holder:
            rec.add(token.i, token.i + 1, holder, "description")
        return
    named = _named_by(rec, token)
    if named:
        rec.add(_np_start(rec, token), token.i + 1, named, "description")
        return
    group = _group_of_members(rec, token)
    if group:
        rec.expand_members(group)
        rec.add(_np_start(rec, token), token.i + 1, group, "members")
        return
    if not any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in token.children):
        return
    actor: str | None = None
    if rec.kb.referents_of_noun(lemma):
        actor = _preceding(rec, token.i, accept=rec.kb.referents_of_noun(lemma))
    elif lemma in COUNTRY_NOUNS and token.tag_ == "NN":
        wanted = _region_filter(token, regions)
        candidates = None
        if wanted is not None:
            candidates = {f"state:{s.iso3}" for s in rec.kb.states.values() if s.region in wanted}
        actor = _preceding(rec, token.i, accept=candidates, prefix="state:")
    elif lemma in DOCUMENT_NOUNS:
        for f in sorted((f for f in rec.found if f.start < token.i), key=lambda f: f.start, reverse=True):
            if f.actor.startswith("document:") and lemma in rec.drafts[f.actor].tags:
                actor = f.actor
                break
    if actor:
        rec.add(_np_start(rec, token), token.i + 1, actor, "description")


def _np_start(rec: Recognizer, token: Token) -> int:
    start = token.i
    for left in token.lefts:
        if left.dep_ in ("det", "amod", "compound", "nummod", "advmod") and left.i not in rec.taken:
            start = min(start, left.i)
    return start


def _named_by(rec: Recognizer, token: Token) -> str | None:
    """'the alliance known as the Quad' -> the Quad; 'the bloc, the EU' via apposition."""
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_ in _NAMING:
            for prep in child.children:
                if prep.dep_ in ("prep", "oprd", "attr") and prep.lower_ in {"as", "the"}:
                    for pobj in prep.children:
                        found = rec._actor_at(pobj.i)
                        if found:
                            return found
                found = rec._actor_at(prep.i)
                if found:
                    return found
    return None


def _group_of_members(rec: Recognizer, token: Token) -> str | None:
    """'the four Quad countries', 'NATO members', 'members of the G7'."""
    if token.lemma_.lower() not in MEMBER_NOUNS or token.tag_ not in ("NNS", "NNPS"):
        return None
    for child in token.children:
        if child.dep_ in ("compound", "poss", "nmod", "amod"):
            found = rec._actor_at(child.i)
            if found and found.startswith("igo:"):
                return found
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = rec._actor_at(pobj.i)
                if found and found.startswith("igo:"):
                    return found
    return None


def _region_filter(token: Token, regions: RegionWords) -> frozenset[str] | None:
    words = [t.lower_ for t in token.lefts if t.dep_ in ("amod", "compound")]
    for size in range(len(words), 0, -1):
        for start in range(0, len(words) - size + 1):
            term = " ".join(words[start:start + size])
            if term in regions.regions:
                return regions.regions[term]
    return None
