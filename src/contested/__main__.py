from contested.cli import cli

cli(prog_name="contested")
