from .bilingual import *  # noqa: F403
