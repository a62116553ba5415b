"""Registers contested's own readers, the same way a plugin registers its own."""

from __future__ import annotations

from contested.sources import readers
from contested.sources.acled import AcledReader
from contested.sources.facts import FactsReader
from contested.sources.gdelt import GdeltReader
from contested.sources.syrianarchive import SyrianArchiveReader
from contested.sources.text import TextReader
from contested.sources.ucdp import UcdpReader

readers.register(FactsReader.name, func=FactsReader)
readers.register(UcdpReader.name, func=UcdpReader)
readers.register(TextReader.name, func=TextReader)
readers.register(AcledReader.name, func=AcledReader)
readers.register(GdeltReader.name, func=GdeltReader)
readers.register(SyrianArchiveReader.name, func=SyrianArchiveReader)
