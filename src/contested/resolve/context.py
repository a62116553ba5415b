"""What one document has said so far, for breaking ties between same-named places and actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from contested.resolve.gazetteer import Place


@dataclass
class ResolutionContext:
    """The state of one document's resolution: its date, country, places and governorates seen.

    The resolver records every place it resolves with this context, so a later
    "Hamra" picks the Hamra nearest to the towns already named in the text.
    """

    date: date | None = None
    country: str | None = None
    places: list[Place] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)
    mentions: dict[str, int] = field(default_factory=dict)

    def note_place(self, place: Place) -> None:
        """Remember a resolved place: points for distances, governorates for admin1."""
        if place.kind == "region":
            if place.admin_level == 1 and place.pcode:
                self.admin1.add(place.pcode)
            return
        if place.kind == "country" or place.lat is None:
            return
        self.mentions[place.place_id] = self.mentions.get(place.place_id, 0) + 1
        if all(p.place_id != place.place_id for p in self.places):
            self.places.append(place)

    def focus(self) -> Place | None:
        """The place the document names most (the latest of equals): where it is writing about."""
        if not self.places:
            return None
        return max(reversed(self.places), key=lambda p: self.mentions.get(p.place_id, 0))
