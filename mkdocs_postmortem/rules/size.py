"""PM105: a file larger than `max_file_size`.

The reader reads only the front matter and headings of a file over the limit,
and records the file's size and that its body was not read; this rule tells
the author what was left unchecked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import WARNING
from .context import Context, Finding
from .rule import rule


@rule("PM105", "file-too-large", WARNING, example_settings={"max_file_size": 1000})
def file_too_large(ctx: Context) -> Iterator[Finding]:
    """file larger than max_file_size: only its front matter and headings are checked

    ## What it checks

    A postmortem file larger than the `max_file_size` option (1,000,000 bytes by
    default). Such a file is read for its front matter and its headings only: the
    front matter rules, the mandatory sections (PM101) and the deadlines (PM501,
    PM502) still apply, while its timeline, action items, 5 Whys, placeholders and
    wording are not checked, and its timeline chart is not drawn.

    ## Why it matters

    Postmortems this large are almost always a pasted log or a data dump. Reading
    every line of it on every build would make the whole handbook slow, and a
    single repeated phrase would fill the build log with findings.

    ## Example

    With `max_file_size: 1000` in `mkdocs.yml`:

    Fails:

    ```markdown
    ---
    title: Checkout outage
    severity: P1
    services: [checkout]
    ---

    ## Timeline

    ~~~text
    2026-03-04T14:00:03Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:00:09Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:00:17Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:00:26Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:01:02Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:01:11Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:01:40Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:02:05Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:02:33Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:03:01Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:03:48Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:04:12Z gateway POST /webhooks/payments 401 signature mismatch
    2026-03-04T14:04:57Z gateway POST /webhooks/payments 401 signature mismatch
    (… 5 MB more of the same …)
    ~~~
    ```

    Passes:

    ```markdown
    ---
    title: Checkout outage
    severity: P1
    services: [checkout]
    ---

    ## Timeline

    | Time | Event |
    |------|-------|
    | 14:05 | Gateway errors rise; logs attached in `checkout-outage-logs.txt` |
    ```

    ## How to fix it

    Move the pasted logs or data into a file beside the postmortem and link to it,
    or raise `max_file_size` for the site if such files are expected.
    """
    if ctx.pm.body_read:
        return
    yield Finding(
        1,
        f"this file has {ctx.pm.size:,} bytes, more than max_file_size ({ctx.settings.max_file_size:,}): "
        "only its front matter and headings were read, so its timeline, action items, 5 Whys and wording "
        "are not checked; move pasted logs into an attachment, or raise max_file_size",
    )
