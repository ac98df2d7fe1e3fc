"""Which build of the extraction core the tests run on: `make check-compiled`
runs them on the mypyc build (setup.py), whose functions keep no Python
signature and whose classes keep no precise field annotations."""

from service.extract import pipeline

COMPILED = not pipeline.__file__.endswith(".py")
