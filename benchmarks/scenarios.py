"""The incidents the benchmark corpus is made of, in English and French.

Written by the project for the benchmark (not text from the seed files). Each
scenario is a small story: what users saw, how it was found, five whys, what
fixed it and what the team will change. `{service}` and `{other}` are filled
in by the generator. The wording is blameless on purpose: systems and
processes are the subjects of every failure, never people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One scenario in one language."""

    title: str
    symptom: str  # first timeline row
    summary: str
    investigation: tuple[str, str, str]  # timeline rows between acknowledgement and mitigation
    mitigation: str  # the row that marks mitigation
    whys: tuple[tuple[str, str], ...]  # five (question, answer) pairs
    factors: tuple[str, str, str]
    resolution: tuple[str, str, str]
    actions: tuple[str, str, str, str, str, str]  # two immediate, two short term, two long term
    lesson: str


@dataclass(frozen=True)
class Scenario:
    slug: str
    tag: str
    logs: tuple[str, str, str]
    en: Text
    fr: Text

    def text(self, language: str) -> Text:
        return self.fr if language == "fr" else self.en


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        slug="certificate-expiry",
        tag="certificates",
        logs=(
            "ERROR tls: handshake failure: certificate has expired",
            "WARN  ingress: upstream {service} rejected 4812 connections in 60s",
            "INFO  cert-manager: renewed certificate for {service}.internal",
        ),
        en=Text(
            title="Expired TLS certificate on the {service} ingress",
            symptom="TLS handshakes to {service} start failing",
            summary=(
                "The TLS certificate served by the {service} ingress expired at the start of the "
                "incident. Clients that validate certificates refused to connect until a renewed "
                "certificate was deployed. The renewal job had been failing silently for three weeks."
            ),
            investigation=(
                "Handshake errors traced to the {service} ingress",
                "Certificate expiry date confirmed with openssl",
                "Renewal job found stuck on a revoked API token",
            ),
            mitigation="Renewed certificate deployed to the ingress",
            whys=(
                ("Why did clients refuse to connect to {service}?", "The certificate served by the ingress had expired."),
                ("Why had the certificate expired?", "The automatic renewal had not run for three weeks."),
                ("Why had the renewal not run?", "The renewal job used an API token that was revoked during a rotation."),
                ("Why did nobody notice the failing job?", "The job reported failures only in its own logs, which no alert watched."),
                ("Why did no alert watch certificate expiry?", "Expiry monitoring covered public domains only, not internal ingresses."),
            ),
            factors=(
                "Certificate expiry was monitored for public domains only",
                "The renewal job logged failures without alerting",
                "Token rotation had no list of the jobs using each token",
            ),
            resolution=(
                "Issued a new token for the renewal job",
                "Renewed and deployed the certificate on every ingress replica",
                "Checked the expiry dates of all internal certificates",
            ),
            actions=(
                "Alert when any internal certificate expires within 14 days",
                "Make the renewal job fail loudly and page on repeated failure",
                "Keep an inventory of API tokens and the jobs that use them",
                "Add certificate expiry to the weekly service review",
                "Move internal certificates to short-lived automatic issuance",
                "Run a yearly drill where a certificate expires in staging",
            ),
            lesson="Jobs that keep the platform alive need the same alerting as the services they protect.",
        ),
        fr=Text(
            title="Certificat TLS expiré sur l'ingress de {service}",
            symptom="Les poignées de main TLS vers {service} échouent",
            summary=(
                "Le certificat TLS servi par l'ingress de {service} a expiré au début de l'incident. "
                "Les clients qui valident les certificats ont refusé de se connecter jusqu'au déploiement "
                "d'un certificat renouvelé. Le job de renouvellement échouait sans bruit depuis trois semaines."
            ),
            investigation=(
                "Erreurs de handshake localisées sur l'ingress de {service}",
                "Date d'expiration du certificat confirmée avec openssl",
                "Job de renouvellement bloqué sur un jeton API révoqué",
            ),
            mitigation="Certificat renouvelé déployé sur l'ingress",
            whys=(
                ("Pourquoi les clients refusaient-ils de se connecter à {service} ?", "Le certificat servi par l'ingress avait expiré."),
                ("Pourquoi le certificat avait-il expiré ?", "Le renouvellement automatique ne tournait plus depuis trois semaines."),
                ("Pourquoi le renouvellement ne tournait-il plus ?", "Le job utilisait un jeton API révoqué lors d'une rotation."),
                ("Pourquoi l'échec du job est-il passé inaperçu ?", "Le job écrivait ses échecs dans ses propres logs, qu'aucune alerte ne surveillait."),
                ("Pourquoi aucune alerte ne surveillait-elle l'expiration ?", "La surveillance couvrait les domaines publics, pas les ingress internes."),
            ),
            factors=(
                "Surveillance de l'expiration limitée aux domaines publics",
                "Échecs du job de renouvellement journalisés sans alerte",
                "Rotation des jetons sans inventaire des jobs concernés",
            ),
            resolution=(
                "Nouveau jeton émis pour le job de renouvellement",
                "Certificat renouvelé et déployé sur chaque réplique de l'ingress",
                "Dates d'expiration de tous les certificats internes vérifiées",
            ),
            actions=(
                "Alerter quand un certificat interne expire dans moins de 14 jours",
                "Faire échouer bruyamment le job de renouvellement et alerter",
                "Tenir un inventaire des jetons API et des jobs qui les utilisent",
                "Ajouter l'expiration des certificats à la revue hebdomadaire",
                "Passer les certificats internes en émission automatique courte durée",
                "Organiser un exercice annuel d'expiration en préproduction",
            ),
            lesson="Les jobs qui maintiennent la plateforme méritent la même supervision que les services qu'ils protègent.",
        ),
    ),
    Scenario(
        slug="connection-pool-exhaustion",
        tag="database",
        logs=(
            "ERROR pool: timeout waiting for connection after 30000 ms",
            "WARN  {service}: 502 responses at 38% of requests",
            "INFO  pool: max_size raised from 20 to 60, waiters drained",
        ),
        en=Text(
            title="Database connection pool exhausted on {service}",
            symptom="Latency of {service} climbs above 5 s",
            summary=(
                "A marketing campaign tripled traffic to {service} within minutes. Every request held a "
                "database connection while calling {other}, so the pool of 20 connections ran out and "
                "requests queued until they timed out."
            ),
            investigation=(
                "Dashboards show all pool connections busy",
                "Slow calls to {other} found inside open transactions",
                "Pool size and database headroom compared",
            ),
            mitigation="Pool size raised and {other} call moved out of the transaction",
            whys=(
                ("Why did {service} time out?", "Requests waited for a database connection that never came free."),
                ("Why did no connection come free?", "Each request held its connection while calling {other}."),
                ("Why was the connection held during that call?", "The call sat inside the transaction block since a refactoring last year."),
                ("Why did the refactoring not reveal the problem?", "Load tests ran with {other} stubbed, at a fraction of real latency."),
                ("Why were load tests run with a fast stub?", "No realistic latency profile of {other} existed for tests."),
            ),
            factors=(
                "Traffic tripled without notice to the on-call team",
                "An outbound call held a transaction open",
                "Load tests used a stub with unrealistic latency",
            ),
            resolution=(
                "Raised the pool size within the database's connection limit",
                "Deployed a patch that calls {other} before opening the transaction",
                "Watched pool saturation until traffic returned to normal",
            ),
            actions=(
                "Alert when pool saturation stays above 80% for 5 minutes",
                "Share the campaign calendar with the on-call rotation",
                "Lint for outbound calls inside transaction blocks",
                "Record a latency profile of {other} for load tests",
                "Size connection pools from measured concurrency, not defaults",
                "Add a load test with realistic dependencies to the release checklist",
            ),
            lesson="A pool sized for average traffic is a queue waiting to happen on a busy day.",
        ),
        fr=Text(
            title="Pool de connexions à la base épuisé sur {service}",
            symptom="La latence de {service} dépasse 5 s",
            summary=(
                "Une campagne marketing a triplé le trafic de {service} en quelques minutes. Chaque requête "
                "gardait une connexion à la base pendant son appel à {other} : le pool de 20 connexions s'est "
                "épuisé et les requêtes ont attendu jusqu'au timeout."
            ),
            investigation=(
                "Tableaux de bord : toutes les connexions du pool occupées",
                "Appels lents à {other} repérés dans des transactions ouvertes",
                "Taille du pool comparée à la marge de la base",
            ),
            mitigation="Pool agrandi et appel à {other} sorti de la transaction",
            whys=(
                ("Pourquoi {service} renvoyait-il des timeouts ?", "Les requêtes attendaient une connexion qui ne se libérait pas."),
                ("Pourquoi aucune connexion ne se libérait-elle ?", "Chaque requête gardait sa connexion pendant l'appel à {other}."),
                ("Pourquoi la connexion restait-elle ouverte pendant cet appel ?", "L'appel se trouvait dans le bloc transactionnel depuis une refonte."),
                ("Pourquoi la refonte n'a-t-elle pas révélé le problème ?", "Les tests de charge simulaient {other} avec une latence irréaliste."),
                ("Pourquoi la simulation était-elle si rapide ?", "Aucun profil de latence réel de {other} n'existait pour les tests."),
            ),
            factors=(
                "Trafic triplé sans prévenir l'astreinte",
                "Un appel sortant gardait une transaction ouverte",
                "Tests de charge avec une dépendance simulée trop rapide",
            ),
            resolution=(
                "Taille du pool augmentée dans la limite de la base",
                "Correctif déployé : appel à {other} avant l'ouverture de la transaction",
                "Saturation du pool suivie jusqu'au retour du trafic normal",
            ),
            actions=(
                "Alerter quand la saturation du pool dépasse 80 % pendant 5 minutes",
                "Partager le calendrier des campagnes avec l'astreinte",
                "Détecter les appels sortants dans les blocs transactionnels",
                "Enregistrer un profil de latence de {other} pour les tests",
                "Dimensionner les pools à partir de la concurrence mesurée",
                "Ajouter un test de charge réaliste à la checklist de release",
            ),
            lesson="Un pool dimensionné pour le trafic moyen devient une file d'attente les jours de pointe.",
        ),
    ),
    Scenario(
        slug="config-rollout",
        tag="configuration",
        logs=(
            "INFO  deploy: config revision 4411 applied to all regions",
            "ERROR {service}: upstream timeout after 200 ms (limit 200 ms)",
            "INFO  deploy: config revision 4410 restored",
        ),
        en=Text(
            title="Configuration change cut {service} timeouts in every region",
            symptom="Error rate of {service} rises in all regions at once",
            summary=(
                "A configuration change meant to shorten one internal timeout was applied to every "
                "region of {service} at the same time. The new value was ten times shorter than the "
                "slowest normal calls to {other}, which then failed."
            ),
            investigation=(
                "Error spike matched to configuration revision 4411",
                "Timeouts toward {other} confirmed in traces",
                "Rollback of the configuration prepared",
            ),
            mitigation="Previous configuration revision restored",
            whys=(
                ("Why did {service} fail requests?", "Calls to {other} timed out after 200 ms."),
                ("Why was the timeout 200 ms?", "A configuration change set the value in milliseconds where seconds were expected."),
                ("Why did the unit mismatch pass review?", "The configuration schema did not state units and the diff showed a plain number."),
                ("Why did it reach every region at once?", "Configuration changes bypassed the staged rollout used for code."),
                ("Why did configuration bypass staged rollout?", "The pipeline treated configuration as low risk since its creation."),
            ),
            factors=(
                "Configuration values without units",
                "No staged rollout for configuration",
                "Review diff without context on the value's meaning",
            ),
            resolution=(
                "Restored configuration revision 4410",
                "Verified error rates in every region",
                "Froze configuration changes until the schema gained units",
            ),
            actions=(
                "Add units to every duration in the configuration schema",
                "Reject duration values without a unit at validation time",
                "Roll out configuration region by region with automatic checks",
                "Show the previous value and its unit in configuration diffs",
                "Unify code and configuration delivery in one pipeline",
                "Add a canary region that receives every change first",
            ),
            lesson="Configuration is code that runs in production: it deserves the same staged rollout.",
        ),
        fr=Text(
            title="Changement de configuration : timeouts de {service} réduits partout",
            symptom="Le taux d'erreur de {service} monte dans toutes les régions",
            summary=(
                "Un changement de configuration censé raccourcir un timeout interne a été appliqué à toutes "
                "les régions de {service} en même temps. La nouvelle valeur était dix fois plus courte que "
                "les appels normaux les plus lents vers {other}, qui ont alors échoué."
            ),
            investigation=(
                "Pic d'erreurs rapproché de la révision de configuration 4411",
                "Timeouts vers {other} confirmés dans les traces",
                "Retour arrière de la configuration préparé",
            ),
            mitigation="Révision précédente de la configuration restaurée",
            whys=(
                ("Pourquoi {service} échouait-il ?", "Les appels à {other} expiraient après 200 ms."),
                ("Pourquoi le timeout valait-il 200 ms ?", "La valeur a été saisie en millisecondes là où des secondes étaient attendues."),
                ("Pourquoi l'écart d'unité a-t-il passé la revue ?", "Le schéma ne précisait pas les unités et le diff montrait un simple nombre."),
                ("Pourquoi le changement a-t-il atteint toutes les régions ?", "La configuration contournait le déploiement progressif du code."),
                ("Pourquoi la configuration contournait-elle ce déploiement ?", "Le pipeline la considérait comme peu risquée depuis sa création."),
            ),
            factors=(
                "Valeurs de configuration sans unité",
                "Pas de déploiement progressif pour la configuration",
                "Diff de revue sans contexte sur la valeur",
            ),
            resolution=(
                "Révision 4410 de la configuration restaurée",
                "Taux d'erreur vérifiés dans chaque région",
                "Changements de configuration gelés jusqu'à l'ajout des unités",
            ),
            actions=(
                "Ajouter des unités à chaque durée du schéma de configuration",
                "Refuser les durées sans unité à la validation",
                "Déployer la configuration région par région avec contrôles",
                "Afficher l'ancienne valeur et son unité dans les diffs",
                "Unifier la livraison du code et de la configuration",
                "Ajouter une région canari qui reçoit chaque changement en premier",
            ),
            lesson="La configuration est du code qui tourne en production : elle mérite un déploiement progressif.",
        ),
    ),
    Scenario(
        slug="disk-full",
        tag="storage",
        logs=(
            "ERROR {service}: write /var/log/{service}/app.log: no space left on device",
            "WARN  node-exporter: filesystem /var/log at 100%",
            "INFO  logrotate: compressed 41 files, 18.2 GB freed",
        ),
        en=Text(
            title="Log volume full on {service} nodes",
            symptom="{service} nodes stop accepting writes",
            summary=(
                "Debug logging left enabled after an investigation filled the log volume of every "
                "{service} node. Once the disk was full, the service could not write its journal and "
                "rejected new requests until space was freed."
            ),
            investigation=(
                "Disk usage at 100% on the log volume",
                "Debug level found active since the previous week",
                "Log rotation found unable to keep up with the volume",
            ),
            mitigation="Old logs compressed and debug level turned off",
            whys=(
                ("Why did {service} reject requests?", "It could not write its journal to a full disk."),
                ("Why was the disk full?", "Debug logging wrote twenty times the usual volume for a week."),
                ("Why was debug logging still on?", "The switch used during an investigation has no expiry."),
                ("Why did rotation not keep up?", "Rotation ran daily and sized for normal log volume."),
                ("Why was the growth not seen before the disk filled?", "Disk alerts fired at 95%, minutes before the volume filled at that rate."),
            ),
            factors=(
                "Debug level without automatic expiry",
                "Daily rotation sized for normal volume",
                "Disk alert threshold too close to full",
            ),
            resolution=(
                "Compressed and archived old log files",
                "Set the log level back to info on every node",
                "Restarted the writers that had entered read-only mode",
            ),
            actions=(
                "Give the debug switch an automatic expiry of 24 hours",
                "Alert on the growth rate of log volumes, not only their fill level",
                "Rotate logs by size as well as by day",
                "Move the service journal to its own volume",
                "Ship logs off the node and keep only a small local buffer",
                "Add a disk-full scenario to the game day plan",
            ),
            lesson="Temporary switches need an end date built in, or they become permanent.",
        ),
        fr=Text(
            title="Volume de logs plein sur les nœuds de {service}",
            symptom="Les nœuds de {service} n'acceptent plus d'écritures",
            summary=(
                "Les logs de débogage, laissés actifs après une investigation, ont rempli le volume de logs "
                "de chaque nœud de {service}. Disque plein, le service ne pouvait plus écrire son journal et "
                "a refusé les nouvelles requêtes jusqu'à la libération d'espace."
            ),
            investigation=(
                "Occupation du volume de logs à 100 %",
                "Niveau debug actif depuis la semaine précédente",
                "Rotation des logs incapable de suivre le volume",
            ),
            mitigation="Anciens logs compressés et niveau debug désactivé",
            whys=(
                ("Pourquoi {service} refusait-il les requêtes ?", "Il ne pouvait plus écrire son journal sur un disque plein."),
                ("Pourquoi le disque était-il plein ?", "Le niveau debug écrivait vingt fois le volume habituel depuis une semaine."),
                ("Pourquoi le niveau debug était-il encore actif ?", "L'interrupteur utilisé pendant une investigation n'expire jamais."),
                ("Pourquoi la rotation n'a-t-elle pas suivi ?", "Elle tournait une fois par jour, dimensionnée pour un volume normal."),
                ("Pourquoi la croissance n'a-t-elle pas été vue avant ?", "L'alerte disque se déclenchait à 95 %, quelques minutes avant la saturation."),
            ),
            factors=(
                "Niveau debug sans expiration automatique",
                "Rotation quotidienne dimensionnée pour un volume normal",
                "Seuil d'alerte disque trop proche de la saturation",
            ),
            resolution=(
                "Anciens fichiers de logs compressés et archivés",
                "Niveau de log remis à info sur chaque nœud",
                "Redémarrage des écrivains passés en lecture seule",
            ),
            actions=(
                "Faire expirer l'interrupteur debug au bout de 24 heures",
                "Alerter sur la vitesse de croissance des volumes de logs",
                "Faire tourner les logs selon leur taille en plus du jour",
                "Placer le journal du service sur son propre volume",
                "Expédier les logs hors du nœud avec un petit tampon local",
                "Ajouter un scénario de disque plein au prochain game day",
            ),
            lesson="Un réglage temporaire doit porter sa date de fin, sinon il devient permanent.",
        ),
    ),
    Scenario(
        slug="memory-leak",
        tag="release",
        logs=(
            "WARN  kubelet: container {service} exceeded memory limit (2Gi), OOMKilled",
            "INFO  {service}: heap profile shows 1.6 GB retained by response cache",
            "INFO  deploy: {service} rolled back to the previous release",
        ),
        en=Text(
            title="Memory leak in a release of {service} caused restart loops",
            symptom="{service} pods restart every few minutes",
            summary=(
                "A release of {service} added a response cache without a size limit. Memory grew with "
                "every distinct request until the pods were killed and restarted, and capacity dropped "
                "below demand during the restarts."
            ),
            investigation=(
                "Pods found killed for exceeding their memory limit",
                "Heap profile points at the new response cache",
                "Previous release confirmed free of the growth",
            ),
            mitigation="Previous release of {service} rolled back",
            whys=(
                ("Why did {service} lose capacity?", "Pods were killed for exceeding their memory limit and restarted in a loop."),
                ("Why did memory exceed the limit?", "A new response cache kept every entry without eviction."),
                ("Why did the cache have no eviction?", "The cache library's default size is unbounded."),
                ("Why did testing not catch the growth?", "Soak tests ran for ten minutes, too short to show the trend."),
                ("Why were soak tests that short?", "The release pipeline capped test time to keep deployments quick."),
            ),
            factors=(
                "Unbounded cache by library default",
                "Soak tests too short to reveal slow growth",
                "No alert on memory growth per release",
            ),
            resolution=(
                "Rolled back to the previous release",
                "Confirmed memory stayed flat for one hour",
                "Released a fix that bounds the cache to 10000 entries",
            ),
            actions=(
                "Bound every cache with an explicit size in code review",
                "Compare memory growth of canary and stable pods before promotion",
                "Run a two-hour soak test for releases touching caches",
                "Alert on restart loops per deployment",
                "Provide a shared cache wrapper with safe defaults",
                "Track memory per request type in the capacity model",
            ),
            lesson="Library defaults are decisions too; make the important ones explicit.",
        ),
        fr=Text(
            title="Fuite mémoire dans une release de {service}",
            symptom="Les pods de {service} redémarrent toutes les quelques minutes",
            summary=(
                "Une release de {service} a introduit un cache de réponses sans limite de taille. La mémoire "
                "augmentait avec chaque requête distincte jusqu'à l'arrêt des pods, et la capacité est tombée "
                "sous la demande pendant les redémarrages."
            ),
            investigation=(
                "Pods arrêtés pour dépassement de leur limite mémoire",
                "Profil mémoire pointant vers le nouveau cache",
                "Release précédente confirmée sans croissance mémoire",
            ),
            mitigation="Retour à la release précédente de {service}",
            whys=(
                ("Pourquoi {service} a-t-il perdu de la capacité ?", "Les pods dépassaient leur limite mémoire et redémarraient en boucle."),
                ("Pourquoi la mémoire dépassait-elle la limite ?", "Un nouveau cache gardait chaque entrée sans éviction."),
                ("Pourquoi le cache n'avait-il pas d'éviction ?", "La taille par défaut de la bibliothèque est illimitée."),
                ("Pourquoi les tests n'ont-ils pas vu la croissance ?", "Les tests d'endurance duraient dix minutes, trop peu pour la tendance."),
                ("Pourquoi ces tests étaient-ils si courts ?", "Le pipeline limitait leur durée pour garder des déploiements rapides."),
            ),
            factors=(
                "Cache illimité par défaut dans la bibliothèque",
                "Tests d'endurance trop courts",
                "Pas d'alerte sur la croissance mémoire par release",
            ),
            resolution=(
                "Retour à la release précédente",
                "Mémoire stable vérifiée pendant une heure",
                "Correctif livré limitant le cache à 10000 entrées",
            ),
            actions=(
                "Exiger une taille explicite pour tout cache en revue de code",
                "Comparer la mémoire des pods canari et stables avant promotion",
                "Lancer un test d'endurance de deux heures pour les caches",
                "Alerter sur les boucles de redémarrage par déploiement",
                "Fournir une enveloppe de cache partagée aux valeurs sûres",
                "Suivre la mémoire par type de requête dans le modèle de capacité",
            ),
            lesson="Les valeurs par défaut d'une bibliothèque sont aussi des décisions : rendons-les explicites.",
        ),
    ),
    Scenario(
        slug="retry-storm",
        tag="dependencies",
        logs=(
            "WARN  {service}: call to {other} took 4100 ms (p50 120 ms)",
            "ERROR {other}: 429 Too Many Requests, 31000 in the last minute",
            "INFO  {service}: circuit breaker open for {other}, serving cached results",
        ),
        en=Text(
            title="Retry storm between {service} and {other}",
            symptom="{other} slows down and {service} errors follow",
            summary=(
                "A short slowdown of {other} made {service} retry every failed call three times without "
                "delay. The retries multiplied the load on {other} by four, which turned a brief "
                "slowdown into a long outage for both services."
            ),
            investigation=(
                "Request rate to {other} found four times above normal",
                "Retries without backoff identified in the {service} client",
                "Circuit breaker settings reviewed",
            ),
            mitigation="Circuit breaker opened and retries disabled",
            whys=(
                ("Why did {other} stay overloaded?", "{service} sent four times its normal request rate."),
                ("Why did {service} send so many requests?", "Its client retried each failed call three times without delay."),
                ("Why were retries immediate?", "The client library's backoff was disabled in an old performance tuning."),
                ("Why did the circuit breaker not open?", "Its threshold counted only errors, and slow calls timed out as successes."),
                ("Why were timeouts counted as successes?", "The breaker was configured before timeouts were reported as errors."),
            ),
            factors=(
                "Immediate retries without backoff or jitter",
                "Circuit breaker blind to timeouts",
                "No retry budget shared between callers",
            ),
            resolution=(
                "Opened the circuit breaker manually",
                "Deployed a client configuration with exponential backoff",
                "Let {other} recover before closing the breaker",
            ),
            actions=(
                "Enable exponential backoff with jitter in every client",
                "Count timeouts as failures in the circuit breaker",
                "Introduce a retry budget of 10% per client",
                "Load test {other} with retry amplification",
                "Publish client defaults in a shared library",
                "Add dependency health to the service dashboard",
            ),
            lesson="Retries are load: without backoff they turn a slowdown into an outage.",
        ),
        fr=Text(
            title="Tempête de tentatives entre {service} et {other}",
            symptom="{other} ralentit et les erreurs de {service} suivent",
            summary=(
                "Un bref ralentissement de {other} a conduit {service} à relancer chaque appel échoué trois "
                "fois sans délai. Ces relances ont multiplié par quatre la charge de {other}, transformant un "
                "ralentissement passager en longue panne pour les deux services."
            ),
            investigation=(
                "Débit vers {other} quatre fois supérieur à la normale",
                "Relances sans délai identifiées dans le client de {service}",
                "Réglages du disjoncteur passés en revue",
            ),
            mitigation="Disjoncteur ouvert et relances désactivées",
            whys=(
                ("Pourquoi {other} restait-il surchargé ?", "{service} envoyait quatre fois son débit habituel."),
                ("Pourquoi {service} envoyait-il autant de requêtes ?", "Son client relançait chaque appel échoué trois fois sans délai."),
                ("Pourquoi les relances étaient-elles immédiates ?", "Le délai progressif avait été désactivé lors d'un ancien réglage de performance."),
                ("Pourquoi le disjoncteur ne s'est-il pas ouvert ?", "Son seuil ne comptait que les erreurs, et les appels lents finissaient en succès."),
                ("Pourquoi les timeouts comptaient-ils comme des succès ?", "Le disjoncteur datait d'avant la remontée des timeouts comme erreurs."),
            ),
            factors=(
                "Relances immédiates sans délai ni gigue",
                "Disjoncteur aveugle aux timeouts",
                "Pas de budget de relances partagé",
            ),
            resolution=(
                "Disjoncteur ouvert manuellement",
                "Configuration client avec délai exponentiel déployée",
                "Rétablissement de {other} attendu avant de refermer le disjoncteur",
            ),
            actions=(
                "Activer le délai exponentiel avec gigue dans chaque client",
                "Compter les timeouts comme des échecs dans le disjoncteur",
                "Instaurer un budget de relances de 10 % par client",
                "Tester {other} en charge avec amplification des relances",
                "Publier des réglages clients par défaut dans une bibliothèque",
                "Ajouter la santé des dépendances au tableau de bord",
            ),
            lesson="Une relance est une charge : sans délai, elle change un ralentissement en panne.",
        ),
    ),
    Scenario(
        slug="queue-backlog",
        tag="messaging",
        logs=(
            "WARN  consumer-group {service}-workers lag 1840000 messages",
            "ERROR {service}-worker: poison message offset 99231 failed 500 times",
            "INFO  consumer-group {service}-workers lag back under 1000",
        ),
        en=Text(
            title="Message backlog delayed {service} processing",
            symptom="Consumer lag of {service} workers starts growing",
            summary=(
                "One malformed message blocked a partition of the {service} queue. Workers retried it "
                "endlessly, the backlog grew to almost two million messages, and users received their "
                "{service} updates hours late."
            ),
            investigation=(
                "Lag isolated to a single partition",
                "Malformed message found at the head of the partition",
                "Dead-letter queue found not configured for this consumer",
            ),
            mitigation="Malformed message moved aside and workers scaled out",
            whys=(
                ("Why were {service} updates late?", "The workers of one partition stopped making progress."),
                ("Why did they stop making progress?", "They retried one malformed message without end."),
                ("Why was the message retried without end?", "The consumer had no dead-letter queue and no retry limit."),
                ("Why was there no dead-letter queue?", "The consumer predates the platform's default messaging template."),
                ("Why was the old consumer never migrated?", "No inventory listed consumers still on the old setup."),
            ),
            factors=(
                "No dead-letter queue on an old consumer",
                "Unlimited retries on processing errors",
                "Lag alert per group, not per partition",
            ),
            resolution=(
                "Moved the malformed message to a holding topic",
                "Scaled workers out to drain the backlog",
                "Replayed the delayed updates in order",
            ),
            actions=(
                "Add a dead-letter queue and a retry limit to the consumer",
                "Alert on lag per partition, not only per group",
                "List consumers not yet on the messaging template",
                "Validate message schema at the producer",
                "Migrate every consumer to the messaging template",
                "Add a poison-message drill to the game day plan",
            ),
            lesson="One bad message should cost one message, not a whole partition.",
        ),
        fr=Text(
            title="File de messages en retard pour {service}",
            symptom="Le retard des consommateurs de {service} augmente",
            summary=(
                "Un message malformé a bloqué une partition de la file de {service}. Les workers l'ont relancé "
                "sans fin, le retard a atteint près de deux millions de messages, et les utilisateurs ont reçu "
                "leurs mises à jour de {service} avec des heures de retard."
            ),
            investigation=(
                "Retard isolé sur une seule partition",
                "Message malformé trouvé en tête de partition",
                "Pas de file de lettres mortes pour ce consommateur",
            ),
            mitigation="Message malformé mis de côté et workers multipliés",
            whys=(
                ("Pourquoi les mises à jour de {service} étaient-elles en retard ?", "Les workers d'une partition n'avançaient plus."),
                ("Pourquoi n'avançaient-ils plus ?", "Ils relançaient sans fin un message malformé."),
                ("Pourquoi le message était-il relancé sans fin ?", "Le consommateur n'avait ni file de lettres mortes ni limite de relances."),
                ("Pourquoi n'y avait-il pas de file de lettres mortes ?", "Le consommateur est antérieur au modèle de messagerie de la plateforme."),
                ("Pourquoi l'ancien consommateur n'a-t-il pas été migré ?", "Aucun inventaire ne listait les consommateurs restés sur l'ancien modèle."),
            ),
            factors=(
                "Pas de file de lettres mortes sur un ancien consommateur",
                "Relances illimitées en cas d'erreur",
                "Alerte de retard par groupe et non par partition",
            ),
            resolution=(
                "Message malformé déplacé vers un topic de quarantaine",
                "Workers multipliés pour résorber le retard",
                "Mises à jour retardées rejouées dans l'ordre",
            ),
            actions=(
                "Ajouter une file de lettres mortes et une limite de relances",
                "Alerter sur le retard par partition",
                "Lister les consommateurs hors du modèle de messagerie",
                "Valider le schéma des messages chez le producteur",
                "Migrer tous les consommateurs vers le modèle de messagerie",
                "Ajouter un exercice de message toxique au game day",
            ),
            lesson="Un mauvais message doit coûter un message, pas une partition entière.",
        ),
    ),
    Scenario(
        slug="migration-lock",
        tag="database",
        logs=(
            "INFO  migrate: ALTER TABLE orders ADD COLUMN region_code started",
            "WARN  postgres: 412 sessions waiting on AccessExclusiveLock",
            "INFO  migrate: migration cancelled, lock released",
        ),
        en=Text(
            title="Schema migration locked a {service} table",
            symptom="Writes to {service} start queuing",
            summary=(
                "A schema migration on the main {service} table took an exclusive lock and then waited "
                "behind a long report query. Every write queued behind the migration, and {service} "
                "stopped accepting changes until the migration was cancelled."
            ),
            investigation=(
                "Hundreds of sessions found waiting on one lock",
                "Lock traced to the running migration",
                "Long report query found holding the table",
            ),
            mitigation="Migration cancelled and report query stopped",
            whys=(
                ("Why did {service} stop accepting writes?", "Writes waited behind an exclusive lock on its main table."),
                ("Why was the table locked?", "A schema migration requested an exclusive lock."),
                ("Why did the lock last so long?", "The migration waited behind a report query that ran for forty minutes."),
                ("Why could the migration wait without limit?", "Migrations ran without a lock timeout."),
                ("Why was there no lock timeout?", "The migration tool's default is to wait forever, and no guideline changed it."),
            ),
            factors=(
                "Migrations without lock timeout",
                "Reports running on the primary database",
                "Migration window overlapping the reporting batch",
            ),
            resolution=(
                "Cancelled the migration",
                "Stopped the report query and moved it to a replica",
                "Re-ran the migration with a lock timeout at night",
            ),
            actions=(
                "Set a lock timeout of 5 s on every migration",
                "Route report queries to a read replica",
                "Check for long transactions before a migration starts",
                "Publish a migration guideline with safe patterns",
                "Adopt online schema change tooling for large tables",
                "Schedule migrations outside reporting windows automatically",
            ),
            lesson="Every lock needs a timeout, or it borrows the availability of everything behind it.",
        ),
        fr=Text(
            title="Migration de schéma bloquant une table de {service}",
            symptom="Les écritures de {service} s'accumulent",
            summary=(
                "Une migration de schéma sur la table principale de {service} a pris un verrou exclusif puis "
                "attendu derrière une longue requête de reporting. Toutes les écritures se sont empilées derrière "
                "la migration et {service} n'acceptait plus de modifications jusqu'à son annulation."
            ),
            investigation=(
                "Des centaines de sessions en attente d'un même verrou",
                "Verrou rattaché à la migration en cours",
                "Longue requête de reporting trouvée sur la table",
            ),
            mitigation="Migration annulée et requête de reporting arrêtée",
            whys=(
                ("Pourquoi {service} refusait-il les écritures ?", "Les écritures attendaient un verrou exclusif sur sa table principale."),
                ("Pourquoi la table était-elle verrouillée ?", "Une migration de schéma avait demandé un verrou exclusif."),
                ("Pourquoi le verrou a-t-il duré si longtemps ?", "La migration attendait une requête de reporting de quarante minutes."),
                ("Pourquoi la migration pouvait-elle attendre sans limite ?", "Les migrations tournaient sans timeout de verrou."),
                ("Pourquoi n'y avait-il pas de timeout de verrou ?", "L'outil attend indéfiniment par défaut et aucune règle ne le changeait."),
            ),
            factors=(
                "Migrations sans timeout de verrou",
                "Reporting exécuté sur la base primaire",
                "Fenêtre de migration chevauchant le batch de reporting",
            ),
            resolution=(
                "Migration annulée",
                "Requête de reporting arrêtée puis déplacée sur un réplica",
                "Migration relancée de nuit avec un timeout de verrou",
            ),
            actions=(
                "Fixer un timeout de verrou de 5 s pour chaque migration",
                "Envoyer les requêtes de reporting sur un réplica",
                "Vérifier les transactions longues avant chaque migration",
                "Publier un guide des migrations sûres",
                "Adopter un outil de migration en ligne pour les grandes tables",
                "Planifier les migrations hors des fenêtres de reporting",
            ),
            lesson="Tout verrou a besoin d'un timeout, sinon il emprunte la disponibilité de ce qui attend derrière.",
        ),
    ),
    Scenario(
        slug="webhook-secret-rotation",
        tag="integrations",
        logs=(
            "ERROR webhook: signature verification failed for event evt_7Hq2",
            "WARN  {service}: 0 confirmations received in 15 minutes",
            "INFO  webhook: new signing secret loaded, 212 events replayed",
        ),
        en=Text(
            title="Rotated webhook secret broke {service} confirmations",
            symptom="{service} stops receiving provider confirmations",
            summary=(
                "The payment provider rotated the signing secret of its webhooks on schedule. {service} "
                "still held the old secret, rejected every event with a 401, and orders stayed pending "
                "until the new secret was loaded and the events replayed."
            ),
            investigation=(
                "Webhook endpoint found answering 401",
                "Signature check failing for every event",
                "Secret rotation date confirmed with the provider",
            ),
            mitigation="New signing secret loaded into {service}",
            whys=(
                ("Why did orders stay pending?", "{service} never received a valid confirmation event."),
                ("Why were events not valid?", "Their signatures did not match the secret {service} held."),
                ("Why did {service} hold an outdated secret?", "The provider rotates secrets every 90 days and the new one was not loaded."),
                ("Why was the new secret not loaded?", "The rotation notice went to a shared mailbox that nobody triaged."),
                ("Why did the notice go to an untriaged mailbox?", "The provider account was set up before the team had an on-call alias."),
            ),
            factors=(
                "Provider notices sent to an unwatched mailbox",
                "No alert on webhook rejection rate",
                "Manual secret loading",
            ),
            resolution=(
                "Loaded the new signing secret",
                "Asked the provider to replay rejected events",
                "Checked every pending order against the provider's records",
            ),
            actions=(
                "Route provider notices to the on-call alias",
                "Alert when webhook rejections exceed 1% for 5 minutes",
                "Accept the old and new secret during a rotation window",
                "Document the rotation calendar of every provider",
                "Load provider secrets from the secret manager automatically",
                "Add webhook signature failure to the staging test suite",
            ),
            lesson="Integrations fail quietly; measure what they deliver, not only whether they answer.",
        ),
        fr=Text(
            title="Rotation du secret webhook : confirmations de {service} rejetées",
            symptom="{service} ne reçoit plus les confirmations du fournisseur",
            summary=(
                "Le fournisseur de paiement a fait tourner le secret de signature de ses webhooks comme prévu. "
                "{service} gardait l'ancien secret, rejetait chaque événement en 401, et les commandes restaient "
                "en attente jusqu'au chargement du nouveau secret et au rejeu des événements."
            ),
            investigation=(
                "Point de terminaison webhook répondant 401",
                "Vérification de signature en échec pour chaque événement",
                "Date de rotation du secret confirmée avec le fournisseur",
            ),
            mitigation="Nouveau secret de signature chargé dans {service}",
            whys=(
                ("Pourquoi les commandes restaient-elles en attente ?", "{service} ne recevait aucun événement de confirmation valide."),
                ("Pourquoi les événements étaient-ils invalides ?", "Leur signature ne correspondait pas au secret connu de {service}."),
                ("Pourquoi {service} gardait-il un secret périmé ?", "Le fournisseur change de secret tous les 90 jours et le nouveau n'était pas chargé."),
                ("Pourquoi le nouveau secret n'était-il pas chargé ?", "L'avis de rotation arrivait dans une boîte partagée que personne ne triait."),
                ("Pourquoi l'avis arrivait-il dans cette boîte ?", "Le compte fournisseur a été créé avant l'alias d'astreinte de l'équipe."),
            ),
            factors=(
                "Avis du fournisseur envoyés vers une boîte non surveillée",
                "Pas d'alerte sur le taux de rejet des webhooks",
                "Chargement manuel des secrets",
            ),
            resolution=(
                "Nouveau secret de signature chargé",
                "Rejeu des événements rejetés demandé au fournisseur",
                "Commandes en attente vérifiées une à une auprès du fournisseur",
            ),
            actions=(
                "Envoyer les avis des fournisseurs vers l'alias d'astreinte",
                "Alerter quand les rejets de webhooks dépassent 1 % sur 5 minutes",
                "Accepter l'ancien et le nouveau secret pendant la rotation",
                "Documenter le calendrier de rotation de chaque fournisseur",
                "Charger les secrets depuis le gestionnaire de secrets",
                "Ajouter l'échec de signature aux tests de préproduction",
            ),
            lesson="Les intégrations tombent en silence : mesurons ce qu'elles livrent, pas seulement leur réponse.",
        ),
    ),
    Scenario(
        slug="autoscaling-limit",
        tag="capacity",
        logs=(
            "WARN  autoscaler: desired replicas 64 exceeds max 24 for {service}",
            "ERROR {service}: request queue full, shedding load",
            "INFO  autoscaler: max replicas for {service} set to 80",
        ),
        en=Text(
            title="Autoscaling ceiling starved {service} during peak",
            symptom="{service} starts shedding requests",
            summary=(
                "Traffic to {service} reached a seasonal peak that needed more than twice the replica "
                "ceiling of its autoscaler. The autoscaler stopped at the ceiling, queues filled, and the "
                "service shed a share of requests until the ceiling was raised."
            ),
            investigation=(
                "Autoscaler found pinned at its maximum",
                "Ceiling traced to a value set two years earlier",
                "Cluster capacity for more replicas confirmed",
            ),
            mitigation="Replica ceiling raised and new replicas ready",
            whys=(
                ("Why did {service} shed requests?", "Its queues were full because too few replicas served the load."),
                ("Why were there too few replicas?", "The autoscaler stopped at its ceiling of 24."),
                ("Why was the ceiling 24?", "It was set two years ago, when peak traffic was a third of today's."),
                ("Why was the ceiling not revisited?", "Capacity reviews looked at cluster size, not per-service limits."),
                ("Why did reviews skip per-service limits?", "The limits live in each service's repository, out of the review's view."),
            ),
            factors=(
                "Stale autoscaling ceiling",
                "Capacity review blind to per-service limits",
                "No alert when the autoscaler is pinned at its maximum",
            ),
            resolution=(
                "Raised the replica ceiling",
                "Pre-scaled {other} which {service} calls on every request",
                "Watched queue depth until the peak passed",
            ),
            actions=(
                "Alert when an autoscaler stays at its maximum for 10 minutes",
                "Add per-service ceilings to the capacity review",
                "Set ceilings from forecast peak plus 50% headroom",
                "Load test {service} at forecast peak before the season",
                "Collect autoscaling limits in one capacity catalogue",
                "Review ceilings automatically when traffic forecasts change",
            ),
            lesson="A safety limit that nobody revisits becomes the outage it was meant to prevent.",
        ),
        fr=Text(
            title="Plafond d'autoscaling atteint pour {service} en pointe",
            symptom="{service} commence à délester des requêtes",
            summary=(
                "Le trafic de {service} a atteint un pic saisonnier demandant plus du double du plafond de "
                "répliques de son autoscaler. L'autoscaler s'est arrêté au plafond, les files se sont remplies "
                "et le service a délesté une part des requêtes jusqu'au relèvement du plafond."
            ),
            investigation=(
                "Autoscaler bloqué à son maximum",
                "Plafond fixé deux ans plus tôt",
                "Capacité du cluster confirmée pour plus de répliques",
            ),
            mitigation="Plafond de répliques relevé et nouvelles répliques prêtes",
            whys=(
                ("Pourquoi {service} délestait-il des requêtes ?", "Ses files étaient pleines faute de répliques suffisantes."),
                ("Pourquoi les répliques étaient-elles insuffisantes ?", "L'autoscaler s'arrêtait à son plafond de 24."),
                ("Pourquoi le plafond valait-il 24 ?", "Il a été fixé il y a deux ans, quand la pointe valait un tiers de l'actuelle."),
                ("Pourquoi le plafond n'a-t-il pas été revu ?", "Les revues de capacité regardaient le cluster, pas les limites par service."),
                ("Pourquoi les revues ignoraient-elles ces limites ?", "Elles vivent dans le dépôt de chaque service, hors de la vue de la revue."),
            ),
            factors=(
                "Plafond d'autoscaling obsolète",
                "Revue de capacité aveugle aux limites par service",
                "Pas d'alerte quand l'autoscaler reste au maximum",
            ),
            resolution=(
                "Plafond de répliques relevé",
                "{other}, appelé à chaque requête, dimensionné à l'avance",
                "Profondeur des files suivie jusqu'à la fin du pic",
            ),
            actions=(
                "Alerter quand un autoscaler reste au maximum 10 minutes",
                "Ajouter les plafonds par service à la revue de capacité",
                "Fixer les plafonds à la pointe prévue plus 50 % de marge",
                "Tester {service} en charge à la pointe prévue avant la saison",
                "Regrouper les limites d'autoscaling dans un catalogue",
                "Revoir les plafonds quand les prévisions de trafic changent",
            ),
            lesson="Une limite de sécurité jamais revue devient la panne qu'elle devait empêcher.",
        ),
    ),
)
