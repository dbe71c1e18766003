"""Who may do what in the shop: staff run it (terminals, shifts, refunds, settlements) with
RUN_SHOP in the shop's code and read its reports with READ_SHOP there; a terminal, whose key
was verified, works on its own records only (the handlers check which)."""

from __future__ import annotations

from shared.identity.actor import ActorKind, authorize, current_actor
from shared.identity.roles import Action


def run_shop(shop: str) -> None:
    """Refuse (403) unless the actor may run `shop`: terminals are refused too."""
    authorize(Action.RUN_SHOP, shop)


def run_shop_or_own_terminal(shop: str) -> None:
    """A terminal acts on its own shift and sales; anyone else needs RUN_SHOP in `shop`."""
    if current_actor().kind is ActorKind.TERMINAL:
        return
    authorize(Action.RUN_SHOP, shop)


def read_shop(shop: str) -> None:
    """Refuse (403) unless the actor may read `shop`'s reports."""
    authorize(Action.READ_SHOP, shop)


def read() -> None:
    """Refuse (403) unless the actor may read records (every staff role may)."""
    authorize(Action.READ)
