"""Pages of the signalen app, one module per page or group of pages: the worklist, a signal's detail page with
its workflow forms, logging a signal, hotspots and the figures page. Thin: access through toegang.regels,
input through signalen.forms, writes through signalen.services, reads through the models' QuerySets."""
