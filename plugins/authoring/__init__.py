from .authoring import *  # noqa: F403
