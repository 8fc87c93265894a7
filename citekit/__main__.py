from citekit.cli import run

run()
