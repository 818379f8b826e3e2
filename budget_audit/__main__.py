from budget_audit.cli import main

if __name__ == "__main__":  # batch workers import this module again: they must not run the CLI
    main()
