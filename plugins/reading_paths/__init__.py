from .reading_paths import *  # noqa: F403
