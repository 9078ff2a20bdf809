"""``python -m beskaeftigelse``: the command line."""

import sys

from beskaeftigelse._views.cli import main

sys.exit(main())
