"""``bilingual review``: review and approve translations in the browser, on your own machine.

* :mod:`.segments`: an issue's sentences in one language as the PO file holds them (status,
  glossary terms, check findings, ETag);
* :mod:`.save`: one sentence checked and written into the PO file under the issue's lock;
* :mod:`.rebuild`: the issue's editions and views rebuilt after saves (coalesced, one worker);
* :mod:`.security`: token, Host, Origin and Content-Security-Policy, before every request;
* :mod:`.app`: the JSON API and the page (Starlette);
* :mod:`.server`: binding, uvicorn, a clean stop.
"""
