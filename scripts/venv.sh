# Shared by run.sh and test.sh: a project virtualenv with the project installed.
ensure_venv() {
    local extras="$1"
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1))" >&2
        exit 1
    fi
    if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
        rm -rf .venv
        if ! "$python" -m venv .venv; then
            rm -rf .venv
            echo "could not create a virtualenv: install your Python's venv module" \
                 "(on Debian/Ubuntu: apt-get install python3-venv)" >&2
            exit 1
        fi
    fi
    # With the `local` extra comes the dev stack (devstack/: `otop up`, `otop seed`), a
    # distribution of its own so that the runtime image never installs it.
    local projects=(-e "$extras")
    if [[ "$extras" == *local* ]]; then
        projects+=(-e ./devstack)
    fi
    # Reinstall only when the dependencies or the extras asked for have changed, so a
    # restart works without reaching the package index.
    local digest
    digest=$(cat pyproject.toml devstack/pyproject.toml | sha256sum | cut -c1-16)
    local stamp=".venv/.installed-${digest}-${extras//[^a-z,]/}"
    if [ ! -f "$stamp" ]; then
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
        .venv/bin/python -m pip install --quiet --disable-pip-version-check "${projects[@]}"
        rm -f .venv/.installed-*
        touch "$stamp"
    fi
}
