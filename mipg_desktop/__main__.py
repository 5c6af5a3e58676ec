"""``python -m mipg_desktop`` is the ``mipg`` command."""

import sys

from mipg_desktop.cli import main

sys.exit(main())
