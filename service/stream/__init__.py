"""The streaming layer: the only code that knows Faust, Kafka and aiokafka.

Data flows one way: `stream` -> `extract` -> `models`. Entry points:
`service.stream.cli` (the `dateline` subcommands) and `service.stream.app`
(the Faust app). This module imports nothing, so that the extraction
processes, which only need `service.stream.coding`, stay light.
"""
