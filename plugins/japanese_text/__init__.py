from .japanese_text import *  # noqa: F403
