"""Entry point ``preflab``: the GUI, or the headless CLI when given a subcommand.

``preflab`` and ``preflab --workspace DIR --model M`` open the window (without ``--model``: the model saved in
the settings); anything else (``preflab sft ...``, ``preflab --help``) goes to ``core.cli.main``. The saved
interface language is installed before the window is built, and logging goes to the data dir's rotating log
file (a data dir that cannot be written ends the start with a message box and exit code 2). The window must
appear within a couple of seconds, so nothing imported here pulls torch or transformers: the tabs import those
lazily inside their worker jobs.
"""

from __future__ import annotations

import os
import sys

GUI_OPTIONS = ("--workspace", "--model")


def gui_options(argv: list[str]) -> dict[str, str] | None:
    """``{"--workspace": DIR, "--model": M}`` if argv holds only GUI options, else None (the CLI's turn)."""
    options: dict[str, str] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name not in GUI_OPTIONS:
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None  # a flag without its value: let the CLI print the usage error
            value = argv[i + 1]
            i += 1
        options[name] = value
        i += 1
    return options


# The fork server that jobs start from (core.child) begins its imports this long after the window is shown, so
# they never compete with the window's first paint.
WARM_UP_MS = 1500


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options = gui_options(argv)
    if options is None:
        from core.cli import main as cli_main

        return cli_main(argv)
    return run_gui(options.get("--workspace"), options.get("--model"))


def run_gui(workspace: str | None = None, model: str | None = None) -> int:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if workspace:
        os.environ["PREFLAB_HOME"] = os.path.abspath(os.path.expanduser(workspace))

    from PySide6.QtWidgets import QApplication

    from gui import i18n, settings
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANIZATION)
    i18n.install_language(app, settings.language())
    if not start_logging():
        return 2
    window = MainWindow(home=os.environ.get("PREFLAB_HOME") if workspace else None, model_spec=model)
    window.show()
    from PySide6.QtCore import QTimer

    from core.child import warm_up

    QTimer.singleShot(WARM_UP_MS, warm_up)  # jobs' fork server: imports torch & co. once, behind the window
    if os.environ.get("PREFLAB_EXIT_WHEN_SHOWN"):  # `make bench`: time from launch to a visible window
        import time

        def report() -> None:
            print(f"shown {time.time():.6f} visible={window.isVisible()}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()


def start_logging() -> bool:
    """Log to the data dir's rotating log file, which job error messages name. If the data dir cannot be
    written, say so in a message box (instead of a traceback) and return False."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from core import logs, workspace

    try:
        logs.setup_logging(workspace.data_home())  # $PREFLAB_HOME (set from --workspace) or the default
    except OSError as exc:  # workspace.WorkspaceError, or a logs/ folder that cannot be made
        title = QCoreApplication.translate("App", "Preference Lab cannot start")
        QMessageBox.critical(None, title, str(exc))
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
