"""Optional native build of the extraction core.

With COMPILE_EXTRACTION_CORE=1, mypyc compiles ``service/extract`` (pure, strictly
typed Python) to C extension modules: the same code and results at about
twice the throughput. The production image builds this way; development
installs stay pure Python so that an edited module is never shadowed by a
stale compiled one. Everything else about the package is in pyproject.toml.
"""

import os

from setuptools import setup

ext_modules = []
if os.environ.get("COMPILE_EXTRACTION_CORE") == "1":
    from mypyc.build import mypycify

    # One C file per module so that `build_ext -j` compiles them in parallel.
    ext_modules = mypycify(["service/extract"], opt_level="3", multi_file=True)

setup(ext_modules=ext_modules)
