from .build_speed import *  # noqa: F403
