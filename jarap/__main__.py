"""`python -m jarap`: the same command line as the `jarap` script."""

from jarap.cli import main

if __name__ == "__main__":
    main()
