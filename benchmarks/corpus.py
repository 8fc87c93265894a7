"""Synthetic papers and people for the benchmarks, seeded so every run writes the same bytes.

Surnames and authors follow Zipf laws, so the same families recur across papers (keys
collide, clustering and people-matching get real work) the way they do in a research field.
Names carry diacritics, particles, suffixes and organisations; titles carry acronyms that
need brace protection. Nothing here reads the seeds: the families are shaped after them.
"""
from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass

FAMILY_NAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Kim Lee Park Choi Jung Kang "
    "Smith Johnson Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson White "
    "Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill "
    "Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris "
    "Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson "
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
    "Richter Klein Wolf Schröder Neumann Schwarz Braun Hörsch Krüger Günther García Fernández "
    "González Rodríguez López Martínez Sánchez Pérez Gómez Díaz Muñoz Álvarez Romero Peña Rossi "
    "Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Dubois "
    "Lefèvre Moreau Laurent Simon Michel Leroy Roux Fournier Girard Bonnet François Mercier "
    "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Dębiak Szymański "
    "Lukošiūtė Kazlauskas Jankauskas Novák Svoboda Dvořák Černý Procházka Kučera Horváth Nagy "
    "Tóth Szabó Kovács Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Nielsen Jensen Hansen Pedersen "
    "Andersen Sørensen Larsen Johansson Karlsson Nilsson Eriksson Lindqvist Åberg Virtanen "
    "Korhonen Mäkinen Nieminen Ivanov Smirnov Kuznetsov Popov Petrov Volkov Sokolov Lebedev "
    "Tanaka Suzuki Takahashi Watanabe Itō Yamamoto Nakamura Kobayashi Saitō Katō Yoshida "
    "Nguyen Tran Pham Hoang Phan Vu Dang Bui Do Ngo Singh Kumar Sharma Gupta Patel Shah Mehta "
    "Reddy Rao Iyer Nair Menon Das Bose Chatterjee Mukherjee Banerjee Ghosh Khan Ali Ahmed Hassan "
    "Ibrahim Mahmoud Haddad Cohen Levi Mizrahi Friedman Katz Silva Santos Oliveira Souza Costa "
    "Pereira Carvalho Almeida Ferreira Ribeiro Gonçalves Okafor Mensah Nwosu Abebe Tran-Johnson "
    "Hatfield-Dodds Telleen-Lawton O'Brien O'Hara McCandlish MacDiarmid DasSarma McKinnon"
).split()

# Families written with a particle: (particle, family, non_dropping) — "van der Maaten", "de Oliveira".
PARTICLE_FAMILIES = (
    ("van der", "Maaten", True), ("van", "Dijk", True), ("van den", "Oord", True), ("de", "Oliveira", True),
    ("de", "Vries", True), ("von", "Neumann", False), ("von", "Luxburg", False), ("da", "Silva", True),
    ("dos", "Santos", True), ("di", "Stefano", True), ("del", "Castillo", True), ("de la", "Torre", True),
    ("van 't", "Hoff", True), ("ten", "Brink", True), ("le", "Cun", True), ("al", "Rashid", True),
)

GIVEN_NAMES = (
    "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard "
    "Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel Lisa Matthew Nancy Anthony Sandra "
    "Mark Ashley Steven Emily Paul Donna Andrew Michelle Joshua Amanda Kevin Melissa Brian Rebecca "
    "Wei Jing Yan Lei Jun Hao Xin Yu Ming Hui Tao Bo Yuntao Ruiqi Jiaming Seung-hoon Ji-woo Min-jun "
    "Hiroshi Yuki Takumi Sakura Haruto Aarav Priya Ananya Rohan Saurav Sandipan Nikhil Ansh Kshitij "
    "José María Jürgen Jörg Søren Sören Björn Zoë Chloé Hélène François Léa Renée Agnès Ángel "
    "Łukasz Przemysław Paweł Michał Wojciech Kamilė Rūta Jonas Dirk Henrik Mrinank Esin Deniz Çağla "
    "Noemí Inés Joaquín Sebastián Nicolás Tomás Ólafur Þórunn Dávid Zoltán Ştefan Mihai Dragoş "
    "Olga Dmitri Ivan Natalia Sergei Ngozi Chidi Kwame Abebe Fatima Omar Layla Yusuf Amir Noa Eitan "
    "Catherine Nelson Neel Samuel Jeeyoon Ethan Tamera Azalia Nova Evan Shauna Zac Jared Jesse"
).split()

MIDDLE_INITIALS = "A B C D E F G H J K L M N P R S T W".split()
SUFFIXES = ("Jr.", "III", "II")
ORGANISATIONS = (
    "OpenAI", "DeepMind", "Anthropic", "BigScience Workshop", "The ATLAS Collaboration",
    "Gemini Team", "LLaMA Team", "EleutherAI", "The CMS Collaboration", "Allen Institute for AI",
)
AFFILIATIONS = (
    "anthropic berkeley openai stanford mit cmu google deepmind meta microsoft allen-ai "
    "amazon-science oxford cambridge eth tsinghua pku toronto mila nvidia"
).split()

TITLE_WORDS = (
    "Language Models Learning Neural Networks Reinforcement Training Scaling Laws Alignment "
    "Safety Robust Adversarial Examples Attention Transformers Representation Generalization "
    "Evaluation Benchmark Reasoning Retrieval Agents Feedback Human Preference Reward Interpretability "
    "Circuits Features Sparse Dictionary Diffusion Vision Graph Optimization Inference Efficient "
    "Calibration Uncertainty Bayesian Causal Discovery Fairness Privacy Federated Distillation "
    "Compression Tokens Prompting Instruction Tuning Emergent Capabilities Oversight Deception "
    "Honesty Sycophancy Jailbreaks Defense Classifiers Power Flow Networks Dynamics Control "
    "Planning Memory Multimodal Speech Translation Summarization Code Generation Mathematical Proofs"
).split()
TITLE_GLUE = ("for", "of", "with", "in", "from", "via", "and", "under", "without", "through")
TITLE_OPENERS = ("Towards", "On the", "Understanding", "Measuring", "Learning", "Scaling", "Beyond")
ACRONYMS = ("LLMs", "RLHF", "GPT-4", "BERT", "GANs", "AI", "NLP", "CoT", "MoE", "ViT", "RL", "LoRA")

ABSTRACT_WORDS = (
    "we the a of to in and for that is on with as by this are from models model language training "
    "data performance results show propose method approach task tasks learning large can our which "
    "new these than more using use study find evaluate demonstrate improve improves across while "
    "existing prior work however further first second finally both each such also between when "
    "where how what whether human humans feedback preference reward policy agent agents behavior "
    "behaviors safety harmful helpful honest robust robustness adversarial attack attacks defense "
    "benchmark benchmarks dataset datasets scale scaling parameters compute loss error accuracy "
    "generalization distribution shift evaluation evaluations analysis framework system systems "
    "reasoning chain thought inference time test queries responses outputs inputs examples "
    "representation representations features neurons circuits interpretability mechanism mechanisms "
    "network networks transformer attention layers heads tokens context window prompts prompting "
    "fine-tuning supervised reinforcement objective objectives optimization gradient descent "
    "baseline baselines significantly substantially consistently surprisingly simple novel"
).split()
UNICODE_TOUCHES = ("—", "≥", "×", "’", "“", "”", "é", "±")

JOURNALS = ("Transactions on Machine Learning Research", "Nature Machine Intelligence",
            "Journal of Artificial Intelligence Research", "Journal of Machine Learning Research")
CONFERENCES = ("Advances in Neural Information Processing Systems", "International Conference on Machine Learning",
               "International Conference on Learning Representations", "Proceedings of ACL", "Proceedings of EMNLP")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CATEGORIES = (("CL", "cs.CL"), ("LG", "cs.LG"), ("AI", "cs.AI"), ("CV", "cs.CV"), ("CR", "cs.CR"),
              ("HC", "cs.HC"), ("ML", "stat.ML"), ("CY", "cs.CY"), ("RO", "cs.RO"), ("NE", "cs.NE"),
              ("AO", "physics.ao-ph"), ("SOC-PH", "physics.soc-ph"))


@dataclass(frozen=True)
class Author:
    """A person (given/family/particle/suffix) or an organisation (literal only)."""

    given: str = ""
    family: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""


@dataclass(frozen=True)
class Paper:
    """One synthetic work with everything any source may show of it."""

    index: int
    title: str
    authors: tuple[Author, ...]
    abstract: str
    year: int
    month: int
    day: int
    category: tuple[str, str]  # (letters as printed, arXiv category)
    affiliations: tuple[str, ...]
    arxiv: str
    doi: str
    kind: str  # "article" | "inproceedings" | "preprint"
    venue: str


class Zipf:
    """Draw indexes 0..n-1 with probability proportional to 1 / (rank + 1) ** s."""

    def __init__(self, n: int, s: float) -> None:
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** s for rank in range(n)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])


def make_people(rng: random.Random, count: int) -> list[Author]:
    """`count` distinct-ish people; families drawn by Zipf, so a few families dominate."""
    families = Zipf(len(FAMILY_NAMES) + len(PARTICLE_FAMILIES), 1.05)
    people = []
    for _ in range(count):
        pick = families.draw(rng)
        particle = ""
        if pick < len(FAMILY_NAMES):
            family = FAMILY_NAMES[pick]
        else:
            particle, family, _ = PARTICLE_FAMILIES[pick - len(FAMILY_NAMES)]
        given = rng.choice(GIVEN_NAMES)
        if rng.random() < 0.2:
            given += " " + rng.choice(MIDDLE_INITIALS) + "."
        suffix = rng.choice(SUFFIXES) if rng.random() < 0.01 else ""
        people.append(Author(given=given, family=family, particle=particle, suffix=suffix))
    return people


def author_count(rng: random.Random) -> int:
    """3 to 60 authors: most papers have 3-8, a long tail reaches large collaborations."""
    return min(60, 2 + int(rng.paretovariate(1.2) * 1.5))


def make_title(rng: random.Random, words: Zipf) -> str:
    """A title-cased title without commas or a final full stop (profile lists tell titles by that)."""
    def phrase(n: int) -> str:
        out = []
        for i in range(n):
            if i and rng.random() < 0.25:
                out.append(rng.choice(TITLE_GLUE))
            word = rng.choice(ACRONYMS) if rng.random() < 0.08 else TITLE_WORDS[words.draw(rng)]
            if word not in out:
                out.append(word)
        return " ".join(out)

    title = phrase(rng.randint(2, 6))
    if rng.random() < 0.2:
        title = rng.choice(TITLE_OPENERS) + " " + title
    if rng.random() < 0.35:
        title += ": " + phrase(rng.randint(2, 6))
    return title


def make_abstract(rng: random.Random) -> str:
    """Five to nine sentences of field vocabulary; random enough that no two papers share one."""
    sentences = []
    for _ in range(rng.randint(5, 9)):
        words = rng.choices(ABSTRACT_WORDS, k=rng.randint(10, 26))
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), rng.choice(UNICODE_TOUCHES))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), f"({rng.choice(ACRONYMS)})")
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99)},{rng.randint(100, 999)}")
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def make_papers(seed: int, count: int) -> list[Paper]:
    """`count` papers, identical for the same seed and count (the first n do not depend on count)."""
    rng = random.Random(f"citekit-benchmark-papers-{seed}")
    people = make_people(random.Random(f"citekit-benchmark-people-{seed}"), 20_000)
    prolific = Zipf(len(people), 0.9)
    words = Zipf(len(TITLE_WORDS), 1.0)
    papers = []
    for index in range(count):
        n = author_count(rng)
        chosen: dict[int, None] = {}
        while len(chosen) < n:
            chosen[prolific.draw(rng)] = None
        authors = [people[i] for i in chosen]
        if rng.random() < 0.01:
            authors = [Author(literal=rng.choice(ORGANISATIONS)), *authors[: n - 1]]
        year = rng.randint(2012, 2025)
        month = rng.randint(1, 12)
        kind = rng.choices(("preprint", "article", "inproceedings"), (5, 3, 2))[0]
        papers.append(Paper(
            index=index,
            title=make_title(rng, words),
            authors=tuple(authors),
            abstract=make_abstract(rng),
            year=year,
            month=month,
            day=rng.randint(1, 28),
            category=rng.choice(CATEGORIES),
            affiliations=tuple(sorted(rng.sample(AFFILIATIONS, rng.randint(0, 2)))),
            arxiv=f"{year % 100:02d}{month:02d}.{10000 + index % 90000:05d}",
            doi=f"10.{rng.randint(1000, 9999)}/bench.{index:06d}" if kind != "preprint" else "",
            kind=kind,
            venue=rng.choice(JOURNALS if kind == "article" else CONFERENCES),
        ))
    return papers
