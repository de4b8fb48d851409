from .share_cards import *  # noqa: F403
