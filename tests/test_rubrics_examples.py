"""Hand-written answers (by the engine's author, not from the calibration set) with the
criteria a careful grader would mark for them.

Why these exist next to tests/calibration: the calibration labels are a sample of the
human judgement; these are sentences written to probe phrasings the calibration set
does not use (fix statements without "could we", number words, prose ADRs, pasted
errors in backticks...). A rule that only memorised the calibration set fails here.
"""
from __future__ import annotations

import pytest

import grader

CASES = [
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': True, 'suggests-path': True},
     'The loop in `sync_accounts()` calls `get_balance` once per account, so a tenant with 5,000 accounts makes 5,000 round trips and the nightly sync blows past its 30-minute window. Would a single batched query with `WHERE id IN (...)` work here?'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': False, 'suggests-path': True},
     'Could we rename `d` to `due_date` in `schedule.py`?'),
    ('pr-review/comment', {'respectful-tone': False, 'specific': True, 'explains-why': True, 'suggests-path': False},
     "Seriously? You're catching `Exception` in `handle_payment` and swallowing it, which means failed charges just vanish. Any first-year dev knows better."),
    ('pr-review/comment', {'respectful-tone': True, 'specific': False, 'explains-why': False, 'suggests-path': False},
     'Looks good overall, maybe tidy it up a bit before merging.'),
    ('pr-review/comment', {'respectful-tone': False, 'specific': False, 'explains-why': False, 'suggests-path': False},
     'This is a mess. Please rewrite the whole thing properly.'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': True, 'suggests-path': True},
     "I noticed the cache key in `ProductCache.get` doesn't include the locale, so a German shopper can get the French price list after a French visitor warms the cache. What if we add `locale` to the key tuple?"),
    ('stakeholder/pitch', {'business-impact': True, 'quantified': True, 'plain-language': True, 'clear-ask': True},
     'Hi Rosa, our invoicing system times out on the first of every month, and last month 300 customers got their invoices two days late, which delayed about €90,000 in payments. Fixing it properly takes one engineer about three weeks. Can I have Ben for the first three weeks of March? I need a yes or no by Friday so I can plan the sprint.'),
    ('stakeholder/pitch', {'business-impact': False, 'quantified': False, 'plain-language': False, 'clear-ask': False},
     'We should migrate our monolith to microservices with Kubernetes and an event bus, because the architecture is outdated and the devs hate it. Thoughts?'),
    ('stakeholder/pitch', {'business-impact': True, 'quantified': False, 'plain-language': True, 'clear-ask': False},
     'Hi Tom, customers keep complaining that the app logs them out, and our support team spends a lot of time on it. It would be good to look at this at some point. Let me know what you think.'),
    ('mentorship/feedback', {'situation': True, 'behavior': True, 'impact': True, 'next-step': True, 'respectful-tone': True},
     "In Wednesday's design review you walked everyone through the failure modes of the new retry queue before anyone asked. Because of that, the payments team caught the duplicate-charge risk early and we didn't have to redo the design. For the next review, would you like to lead the whole session? I'm happy to prep it with you on Monday."),
    ('mentorship/feedback', {'situation': False, 'behavior': False, 'impact': False, 'next-step': False, 'respectful-tone': True},
     "You're doing a great job overall, keep it up and keep growing!"),
    ('mentorship/feedback', {'situation': True, 'behavior': True, 'impact': True, 'next-step': False, 'respectful-tone': False},
     "During yesterday's standup you interrupted Mei three times while she was explaining the outage, and she stopped talking. Honestly, I expected better from someone with your experience."),
    ('async/help-request', {'context': True, 'observed-behavior': True, 'expected-behavior': True, 'steps-to-reproduce': True, 'evidence': True, 'environment': True, 'clear-ask': True},
     "I'm adding rate limiting to the public API so that one noisy client can't starve the others. After deploying branch `feat/rate-limit` to staging, every request returns `429 Too Many Requests`, even the first one from a fresh API key. I expected the first 100 requests per minute to pass. To reproduce: `curl -H 'X-Api-Key: test-key' https://staging.example.com/v1/orders` right after creating the key. We're on Redis 7.2 and Go 1.22. Does the limiter read the window size from `RATE_WINDOW_SECONDS` or from the config file?"),
    ('async/help-request', {'context': False, 'observed-behavior': False, 'expected-behavior': False, 'steps-to-reproduce': False, 'evidence': False, 'environment': False, 'clear-ask': False},
     'the build is broken again, can someone help?'),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': True},
     'Limit export batch size to 500 rows\n\nThe nightly export loaded all rows for a tenant into memory at once, and the three largest tenants pushed the worker past its 2 GiB limit, so the job was OOM-killed and finance got no report. `ExportJob.run` now streams rows in batches of 500.'),
    ('docs/commit-message', {'summary-line': False, 'describes-what': False, 'explains-why': False},
     'updates'),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': False},
     'Rename OrderService.process to OrderService.submit\n\nAlso updates the three call sites in checkout/.'),
    ('docs/readme-why', {'explains-why': True, 'trade-offs': True},
     '## Why\nOur on-call engineers were paged for every single failed health check, about 40 pages a week, most of them for blips that recovered on their own within a minute. `calmpager` waits for three consecutive failures before paging, which cut our pages to 6 a week.\n\nIt is not for you if you need to be paged on the very first failure (payments, for example): the delay is up to 90 seconds by design. It only supports Prometheus alerts.'),
    ('docs/readme-why', {'explains-why': False, 'trade-offs': False},
     '## Why\nA blazing-fast, modern, developer-friendly toolkit for building amazing things. Every tool has trade-offs.'),
    ('conflict/reply', {'acknowledges-view': True, 'product-framing': True, 'proposes-next-step': True, 'respectful-tone': True},
     "Jonas, you're right that adding GraphQL means a second API surface to secure and monitor, and after last year's auth incident I understand why that worries you. What matters for the mobile users is that the feed loads fast on a weak connection; today it takes 6 requests and about 4 seconds. Can we prototype the feed endpoint both ways this sprint, measure load time on a throttled 3G profile, and let Amara decide by the 20th?"),
    ('conflict/reply', {'acknowledges-view': False, 'product-framing': False, 'proposes-next-step': False, 'respectful-tone': False},
     "We've been over this. GraphQL is overkill and you know it. Let's just stick with REST and move on."),
    ('conflict/adr', {'context': True, 'options': True, 'decision-drivers': True, 'trade-offs': True, 'decision': True, 'consequences': True},
     "# ADR-12: Keep PDFs generated server-side\n\n## Context\nInvoice PDFs are rendered by a Python service that takes 4 s per invoice; the frontend team wants to render them in the browser instead. Finance sends 20,000 invoices on the first of each month.\n\n## Options\n- Keep server-side rendering and add a queue with 4 workers: no client changes, but one more service to run.\n- Render in the browser with pdf.js: no server cost, but every client needs the fonts and the output differs by browser.\n\n## Decision drivers\n- Invoices must be identical for the tax audit.\n- The month-end run must finish within 2 hours.\n\n## Decision\nWe keep server-side rendering and add the queue.\n\n## Trade-offs\nWe pay for 4 more workers (about €300/month) and keep a Python service the frontend team doesn't own.\n\n## Consequences\nPlatform owns the queue; we revisit in Q3 if the invoice volume doubles."),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': True, 'suggests-path': True},
     'nit-ish but real: `parseInt(value)` in `formatPrice` has no radix, and older Android WebViews read "08" as octal, so some prices render as 0. `Number(value)` or `parseInt(value, 10)` avoids that.'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': True, 'suggests-path': False},
     '`user.email.lower()` on line 31 will throw for the 2% of legacy accounts whose email is null, and the whole signup webhook then returns 500 to Stripe.'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': False, 'suggests-path': True},
     'Could `retryCount` live in the config instead of being hard-coded in `Uploader.kt`?'),
    ('pr-review/comment', {'respectful-tone': False, 'specific': True, 'explains-why': False, 'suggests-path': True},
     "Just use a `defaultdict` in `group_orders()` like everyone else does, it's not that hard."),
    # Error text in inline backticks is evidence; a CLI the analyser knows (`stripe trigger ...`) is a step.
    ('async/help-request', {'context': True, 'observed-behavior': True, 'expected-behavior': True, 'steps-to-reproduce': True,
                            'evidence': True, 'environment': True, 'clear-ask': True},
     "I'm wiring the Stripe webhook into `billing-svc` on staging so we can test refunds before Thursday's release. "
     "Every event is rejected: the handler logs `webhook has no valid signature` and returns 400, though I expected 200 "
     "and a row in `refund_events`. To reproduce: `stripe trigger charge.refunded` against staging on branch "
     "`feat/refunds` (commit 4f2a9c1), Go 1.22. Could someone from payments check whether staging still uses the old "
     "signing secret in Vault?"),
    # An exhortation about the future is not the effect of what the person did.
    ('mentorship/feedback', {'situation': False, 'behavior': False, 'impact': False, 'next-step': False, 'respectful-tone': True},
     'Everyone needs to be more careful during incidents.'),
    # A blaming question is not an open question that leads somewhere, even next to code.
    ('pr-review/comment', {'respectful-tone': False, 'specific': True, 'explains-why': False, 'suggests-path': False},
     'Did you even test it? `parse_date` on L40 returns None for ISO dates.'),
    ('pr-review/comment', {'respectful-tone': False, 'specific': True, 'explains-why': True, 'suggests-path': False},
     'Why would you put the retry loop inside `handle_payment`? That will double-charge cards on timeout.'),
    # A question about the code is not a proposal unless it names one; "take another look" names none.
    ('pr-review/comment', {'respectful-tone': True, 'specific': False, 'explains-why': False, 'suggests-path': False},
     'timeout=None?? no.'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': False, 'suggests-path': False},
     'Something about the useEffect looks off, can you take another look?'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': False, 'suggests-path': True},
     'Should `retries` default to 3 instead of 0 in `client.go`?'),
    ('pr-review/comment', {'respectful-tone': True, 'specific': True, 'explains-why': True, 'suggests-path': True},
     'Thanks for adding the index! One concern: `CREATE INDEX` on `events` without CONCURRENTLY locks writes, and that table takes ~2k inserts per second at peak, so the deploy would drop analytics events for several minutes. How about `CREATE INDEX CONCURRENTLY` in a separate migration?'),
    ('stakeholder/pitch', {'business-impact': True, 'quantified': True, 'plain-language': True, 'clear-ask': True},
     'Priya, the payment page fails for roughly 1 in 50 shoppers on older iPhones, which we estimate costs about €12,000 a month in lost orders. Two developers could fix it in two weeks. Could you approve pausing the wishlist feature until the 15th so they can do it?'),
    ('stakeholder/pitch', {'business-impact': True, 'quantified': True, 'plain-language': False, 'clear-ask': True},
     'We need to refactor the ORM layer and add Redis caching with a TTL-based invalidation strategy, because p95 latency on the catalogue API is 1.8 s and conversion drops 7% above 1 s. Can we get 2 devs for 3 sprints starting next week?'),
    ('stakeholder/pitch', {'business-impact': False, 'quantified': True, 'plain-language': True, 'clear-ask': True},
     'The reporting code is 6 years old and really unpleasant to work in. Can we spend 4 weeks rewriting it next quarter?'),
    ('mentorship/feedback', {'situation': True, 'behavior': True, 'impact': True, 'next-step': True, 'respectful-tone': True},
     "Sam, in Thursday's sprint demo you showed the new export screen with real customer data and explained the edge cases without notes. The sales lead told me afterwards it was the first demo this quarter she could reuse with a client. Next demo, could you also show one thing that didn't work yet? Happy to go through it with you on Wednesday."),
    ('mentorship/feedback', {'situation': True, 'behavior': True, 'impact': False, 'next-step': True, 'respectful-tone': True},
     "In the retro on Monday you said you'd take the flaky-test cleanup. Could you put a date on it in the ticket by Friday? I can pair on the first one if that helps."),
    ('mentorship/feedback', {'situation': False, 'behavior': False, 'impact': False, 'next-step': False, 'respectful-tone': False},
     'Your attitude lately has been a problem and people are tired of it. Be more of a team player.'),
    ('async/help-request', {'context': True, 'observed-behavior': True, 'expected-behavior': True, 'steps-to-reproduce': True, 'evidence': True, 'environment': True, 'clear-ask': True},
     "Hi team, I'm upgrading the checkout service from Spring Boot 2.7 to 3.2 so we can drop the old Java 11 images.\n\n**What happens:** the service starts, but every call to `/api/cart` fails with `java.lang.NoSuchMethodError: javax.servlet.http.HttpServletRequest.getParameter`.\n**Expected:** the same 200 responses we get on 2.7.\n**Steps:**\n1. `git checkout upgrade/spring-3`\n2. `./gradlew bootRun`\n3. `curl localhost:8080/api/cart`\n**Env:** macOS 14, Temurin 17.0.9.\n\nIs there a known replacement for the `javax.servlet` filter we use in `AuthFilter.java`, or do I need to rewrite it against `jakarta.servlet`?"),
    ('async/help-request', {'context': False, 'observed-behavior': True, 'expected-behavior': False, 'steps-to-reproduce': True, 'evidence': True, 'environment': True, 'clear-ask': True},
     'On prod, `GET /v2/invoices` returns `504 Gateway Timeout` after exactly 60 s for tenant 8812. Who owns the gateway timeout setting?'),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': True},
     'Retry webhook deliveries with exponential backoff\n\nPartners with flaky endpoints lost events because we gave up after the first 5xx. Deliveries now retry up to 6 times over about an hour (`WebhookSender.deliver`), and the attempt count is logged.'),
    ('docs/commit-message', {'summary-line': False, 'describes-what': True, 'explains-why': True},
     'fix\n\nThe tax rate lookup in `tax/rates.py` used the shipping country instead of the billing country, so EU customers shipping to the US were charged no VAT. It now uses `order.billing_address.country`.'),
    ('docs/readme-why', {'explains-why': True, 'trade-offs': False},
     '## Why\nWe had eleven services each parsing feature flags from environment variables in slightly different ways, and twice a typo in a flag name silently disabled a feature in production. `flagkit` gives every service the same typed flag loader with validation at startup.'),
    ('docs/readme-why', {'explains-why': False, 'trade-offs': True},
     '## Why\n`flagkit` is a flag loader.\n\n### Limitations\nIt reads flags only at startup, so changing a flag needs a restart; if you need live toggles, use LaunchDarkly or Unleash instead.'),
    ('conflict/reply', {'acknowledges-view': True, 'product-framing': False, 'proposes-next-step': True, 'respectful-tone': True},
     'I hear you on the migration risk, Farah: moving 400 GB live is exactly where we got burned in 2022. Could you and I spend Tuesday afternoon writing the rollback plan, and take it to Omar on Wednesday for the go/no-go?'),
    ('conflict/reply', {'acknowledges-view': False, 'product-framing': True, 'proposes-next-step': False, 'respectful-tone': True},
     'I think we should pick whatever keeps checkout fast for our customers, since every extra second costs us conversions.'),
    ('conflict/adr', {'context': True, 'options': True, 'decision-drivers': True, 'trade-offs': True, 'decision': True, 'consequences': True},
     "ADR 4: Use managed Postgres instead of self-hosting\n\nOur self-hosted Postgres on EC2 needed 3 manual failovers last year, and the two people who know how to do them are leaving in June. The platform team wants to keep control of tuning; the product team wants fewer outages.\n\nWe looked at two options: staying self-hosted and hiring a DBA (about €90k a year, 3 months to hire), or moving to RDS (about €2,000 a month more in infrastructure, no hire). What decides it for us is uptime for customers during the hiring gap and staying within this year's budget.\n\nWe decided to move to RDS. We give up some tuning options (no custom extensions beyond the RDS list) and pay more per month. Follow-up: Lena owns the migration, planned for April; we review the cost in October."),
    # Single criteria, phrased in ways the calibration set does not use.
    ('async/help-request', {'clear-ask': True},
     "Hi! I'm moving our cron jobs to Kubernetes CronJobs. The `cleanup` job never starts on staging: `kubectl get cronjobs` shows LAST SCHEDULE as <none>. Does the CronJob need a `timeZone` field on Kubernetes 1.27, or is UTC assumed? Any help appreciated, thanks!"),
    ('async/help-request', {'clear-ask': True},
     'Quick question about the billing service: any idea why `InvoiceMailer.deliver` sends the PDF twice when the retry flag is on?'),
    ('async/help-request', {'clear-ask': False},
     "The deploy pipeline is red again and I have no idea what's going on. Help?"),
    ('async/help-request', {'clear-ask': True},
     "Who owns the `search-indexer` service? I'd like to ask whether the 15-minute lag on product updates is expected."),
    ('async/help-request', {'observed-behavior': True},
     'Since this morning the `orders` page takes about 40 seconds to load on staging, and the browser console shows a stream of 502s from `/api/orders`.'),
    ('async/help-request', {'observed-behavior': True},
     'When I run `npm test`, memory climbs to about 6 GB and Jest gets killed after the third suite.'),
    ('async/help-request', {'observed-behavior': False},
     "Something is off with the login flow, it's acting weird since yesterday."),
    ('async/help-request', {'observed-behavior': True},
     'After the upgrade the `customer_id` column in the export comes back empty for every row.'),
    ('conflict/adr', {'decision': True, 'consequences': True},
     "# ADR 7: Retire the legacy search\n\n## Context\nThe old Solr cluster costs €4,000 a month and only two people know how to run it.\n\n## Options\n1. Upgrade Solr to 9 and keep running it ourselves.\n2. Move to the managed OpenSearch offering.\n\n## Outcome\nWe're going with managed OpenSearch.\n\n## What happens next\nMia owns the migration and plans it for Q2; the Solr cluster is switched off after a two-week parallel run, and we revisit the cost after six months."),
    ('conflict/adr', {'decision': True, 'consequences': True},
     'We have settled on keeping the monolith for the next year and extracting only the payments module, because the audit in March needs one clear owner for card data. As a result the payments team takes on its own on-call rotation from April, and we will review the split in January.'),
    ('conflict/adr', {'decision': False, 'consequences': False},
     "## Decision\nStill under discussion; we'll pick one after the offsite.\n\n## Consequences\nTo be determined."),
    ('conflict/reply', {'acknowledges-view': True},
     'I get that the extra Redis hop worries you, Tomas, because the last cache outage took checkout down for an hour.'),
    ('conflict/reply', {'acknowledges-view': True},
     'You make a good point about the migration cost: rewriting 40 endpoints is at least a quarter of work.'),
    ('conflict/reply', {'acknowledges-view': False},
     "I see where you're coming from. But I still think we should do it my way."),
    ('conflict/reply', {'acknowledges-view': True},
     "Agreed that the schema registry adds a deploy step we don't have today, and that on-call would own it."),
    ('docs/commit-message', {'explains-why': True},
     'Stop retrying 4xx responses in PaymentClient\n\nPreviously every 4xx was retried five times, which sent duplicate refund requests to the provider and got our API key rate-limited twice last week.'),
    ('docs/commit-message', {'explains-why': True},
     'Add NOT NULL to orders.currency\n\nCustomers reported invoices showing no currency symbol; 312 orders had a NULL currency after the March import.'),
    ('docs/commit-message', {'explains-why': True},
     "Use UTC for report cut-off\n\nOtherwise the daily report for Sydney stores ends at 11:00 local time and misses half the day's sales."),
    ('docs/commit-message', {'explains-why': False},
     'Move date helpers to utils/dates.py\n\nMoves format_date and parse_date out of views.py into a new module and updates the imports.'),
    ('pr-review/comment', {'suggests-path': True},
     "`fetchAll()` loads every row before filtering. Filtering in the SQL (`WHERE status = 'open'`) would keep memory flat."),
    ('pr-review/comment', {'suggests-path': True},
     "This `setTimeout` retry has no upper bound, so a dead endpoint keeps the tab busy forever. I'd cap it at 5 attempts with backoff."),
    ('pr-review/comment', {'suggests-path': False},
     'This `setTimeout` retry has no upper bound, so a dead endpoint keeps the tab busy forever.'),
    ('mentorship/feedback', {'impact': True},
     "In yesterday's planning you broke the migration into five small tickets with clear acceptance criteria. The two new joiners picked them up straight away and finished three by the afternoon."),
    ('mentorship/feedback', {'impact': False},
     "In yesterday's planning you broke the migration into five small tickets with clear acceptance criteria."),
    ('mentorship/feedback', {'respectful-tone': False},
     "In Tuesday's review you finally tested your code before asking for a review. Took you long enough, but good."),
    ('mentorship/feedback', {'respectful-tone': True},
     "In Tuesday's review you merged without tests and the release broke checkout for an hour. That's a hard lesson and it happens to all of us; next time let's pair on the test plan first."),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': True},
     'Skip archived projects in the nightly usage report\n\nArchived projects still counted toward seat usage, so 14 customers were billed for seats they had removed. The report query now filters on `archived_at IS NULL`.'),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': True},
     'Handle missing shipping address in label printing\n\nMarketplace orders can arrive without an address until the seller confirms it. `LabelPrinter.print` crashed on those and stopped the whole batch; it now skips them and logs the order id.'),
    ('docs/commit-message', {'summary-line': True, 'describes-what': True, 'explains-why': False},
     'Extract PriceFormatter from CheckoutView\n\nMoves the currency formatting helpers into their own class and adds unit tests for it.'),
    ('docs/commit-message', {'summary-line': False, 'describes-what': False, 'explains-why': False},
     'misc fixes'),
    ('docs/commit-message', {'summary-line': False, 'describes-what': True, 'explains-why': True},
     'Fixed the thing where the nightly billing export would sometimes send duplicate invoices to customers because of the retry logic in the worker\n\nThe worker retried after a timeout even when the first attempt had succeeded, so customers got two invoices. `BillingExport.send` now checks `sent_at` before retrying.'),
    ('async/help-request', {'context': True, 'observed-behavior': True, 'expected-behavior': True, 'environment': True},
     "I'm trying to get SSO working for our staging tenant so QA can log in with their Okta accounts. After the Okta redirect the app shows a blank page and the network tab has a `401` from `/auth/callback`. I expected to land on the dashboard as the QA user. This is on staging, Chrome 124, branch `sso-okta`."),
    ('async/help-request', {'context': False, 'observed-behavior': False, 'expected-behavior': False, 'environment': False},
     'Is anyone else having problems today? Things seem slow.'),
    ('stakeholder/pitch', {'quantified': True},
     'Each outage costs us roughly 3 hours of support time and about 200 angry emails.'),
    ('stakeholder/pitch', {'quantified': False},
     'We need to upgrade from Angular 12 to Angular 17 in Q3, ideally before version 18 ships.'),
    ('stakeholder/pitch', {'plain-language': True},
     "The software that runs our checkout is no longer updated by its makers, so any security hole found in it stays open. Fixing this takes about a month of one developer's time."),
    ('stakeholder/pitch', {'plain-language': False},
     'Our k8s cluster runs an EOL ingress controller with known CVEs; we need to migrate to Gateway API and rotate the mTLS certs via cert-manager.'),
    ('conflict/adr', {'options': True, 'trade-offs': True},
     'We compared two approaches. Option 1 keeps the nightly batch job and adds a second run at noon: cheap, but data is still up to 12 hours stale. Option 2 streams changes with Debezium into the warehouse: data within a minute, but one more system to operate and about €800 a month in extra infrastructure.'),
    ('conflict/adr', {'options': False},
     'We should use Kafka. It is the best option and everybody uses it.'),
    ('mentorship/feedback', {'situation': True, 'behavior': True},
     'During the 2 May release call you noticed the migration was still running and asked Jun to hold the deploy.'),
    ('mentorship/feedback', {'next-step': True},
     'For the next on-call handover, try writing the open incidents into the handover doc before the call; I can review your first one on Friday.'),
    ('mentorship/feedback', {'next-step': False},
     "Just keep it up and keep growing, you'll get there."),
]


# Known failures of the learned moves (docs/how-grading-works.md, "Known failure modes"), by case index. Strict,
# so the day the model gets one right its marker must go (#2, a consequence sentence read as a proposal, went
# when the review comments of tests/calibration/v2/train/d-*.yaml were trained on).
KNOWN_MISSES: dict[int, str] = {}


def _case(index: int, case: tuple) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[index])] if index in KNOWN_MISSES else []
    return pytest.param(*case, id=f"{case[0]}#{index}", marks=marks)


@pytest.mark.parametrize("rubric, expected, text", [_case(i, c) for i, c in enumerate(CASES)])
def test_hand_written_answer_gets_the_expected_criteria(rubric: str, expected: dict[str, bool], text: str) -> None:
    result = grader.check(text, rubric)
    got = {c.id: c.met for c in result.criteria if c.id in expected}
    assert got == expected, {c.id: c.feedback for c in result.criteria if got.get(c.id) != expected.get(c.id)}


STUFFED = {
    "pr-review/comment": "Respectfully, I noticed this function could be more specific. It matters because of impact on users and performance. Could we consider a more robust, scalable alternative approach instead, in line with best practices?",
    "stakeholder/pitch": "Business impact: significant revenue and customer value. Quantified: 100% ROI. Ask: please approve resources for the strategic modernization initiative by Q3. This plain-language request aligns with business goals.",
    "mentorship/feedback": "Situation: recently. Behavior: you did things. Impact: it had an impact on the team. Next step: keep growing and step up! Thanks for all you do.",
    "async/help-request": "**Context:** working on stuff.\n**Observed:** error.\n**Expected:** it should work.\n**Steps:** run it.\n**Evidence:** see logs.\n**Environment:** prod.\n**Ask:** can someone help?",
    "docs/commit-message": "fix: improve things\n\nWhat: improved the code.\nWhy: because it needed improving for maintainability and best practices.",
    "docs/readme-why": "## Why\nBecause developers deserve better tools. This project solves real problems with a robust, scalable, modern approach.\n\n## Trade-offs\nEvery tool has trade-offs; ours are minimal.",
    "conflict/adr": "## Context\nWe need to decide.\n## Options\n- Option A\n- Option B\n## Decision drivers\n- Scalability\n- Maintainability\n## Trade-offs\nMinimal.\n## Decision\nOption A.\n## Consequences\nBetter architecture going forward.",
    "conflict/reply": "I acknowledge and validate your perspective and hear your concerns. Let's align on what's best for the product and our users, and agree a clear next step with a timebox and an owner going forward.",
}


@pytest.mark.parametrize("rubric", sorted(STUFFED))
def test_keyword_stuffed_answers_score_at_most_half(rubric: str) -> None:
    """The right headings and buzzwords with nothing real under them (written for this test)."""
    result = grader.check(STUFFED[rubric], rubric)
    assert result.fraction <= 0.5, [c.id for c in result.criteria if c.met]


OFF_TOPIC = {
    "pr-review/comment": "Has anyone seen the new design system docs? The button page has a nice section on focus states, worth a read when you have 10 minutes.",
    "stakeholder/pitch": "For context, our API gateway uses Envoy with a Lua filter for auth, and the rate limiter is a token bucket in Redis keyed by client ID. That's why the 429s look the way they do.",
    "mentorship/feedback": "Reminder: the quarterly planning doc is due on Friday, and please fill in your holiday dates in the team calendar by Wednesday.",
    "async/help-request": "Release 4.2 is out! It includes dark mode, faster search, and a bunch of bug fixes. Thanks to everyone who contributed.",
    "docs/commit-message": "hey can someone review my PR when you have time? it's the one about the login page",
    "docs/readme-why": "## Installation\n\nRun `pip install fastcsv` and then `fastcsv --help`. Requires Python 3.10+.",
    "conflict/adr": "## Incident 2024-03-02\n\nAt 14:02 the payments API started returning 500s. On-call rolled back release 3.8.1 at 14:20 and error rates returned to normal. Root cause: a missing migration. Action items: add a migration check to CI (owner: Sam).",
    "conflict/reply": "Totally unrelated, but does anyone know if the office is open on Monday? I left my charger there.",
}


@pytest.mark.parametrize("rubric", sorted(OFF_TOPIC))
def test_off_topic_answers_score_at_most_half(rubric: str) -> None:
    """Answers that don't do the task (written for this test) earn little beyond politeness."""
    result = grader.check(OFF_TOPIC[rubric], rubric)
    assert result.fraction <= 0.5, [c.id for c in result.criteria if c.met]


REASONS = [
    "If two workers pick the same job in `dispatch()`, both will send the email.",
    "Without a lock in `reserve()`, two requests can both decrement stock below zero.",
    "`cache.get` is called inside the loop, which makes the page 40x slower for large carts.",
    "Because `token` is logged in plain text on line 88, anyone with log access can take over a session.",
    "`parseDate` ignores the timezone, and Australian users see yesterday's orders.",
]
NOT_REASONS = [
    "`calcTotal` should use a constant for readability.",
    "Please follow our style guide in `utils.py`.",
    "`OrderService` is not best practice; let's make it cleaner.",
    "I'd prefer a different name for `tmp`, it reads better.",
    "Can you add a docstring to `sync()`?",
]


@pytest.mark.parametrize("text", REASONS)
def test_review_reasons_in_many_shapes_explain_why(text: str) -> None:
    assert grader.check(text, "pr-review/comment").criteria[2].met


@pytest.mark.parametrize("text", NOT_REASONS)
def test_style_preferences_are_not_reasons(text: str) -> None:
    assert not grader.check(text, "pr-review/comment").criteria[2].met


ASKS = [
    "Could you approve two weeks of Lena's time starting Monday?",
    "I'd like a decision by Thursday: can we delay the reporting feature by one sprint?",
    "Please confirm by Friday that we can take the first week of June for this.",
    "Are you OK with pausing feature work for ten days so we can do this?",
    "Can you sign off on the extra €3,000 for the vendor this month?",
    "What I need from you: a yes or no on moving the launch to 14 May.",
]
NOT_ASKS = [
    "Let me know your thoughts.",
    "Happy to discuss whenever suits you.",
    "Can we talk about this sometime?",
    "It would be great to get your support on this.",
    "Something to think about for next quarter.",
    "Would love your buy-in.",
]


def _met(text: str, rubric: str, criterion: str) -> bool:
    return next(c.met for c in grader.check(text, rubric).criteria if c.id == criterion)


@pytest.mark.parametrize("text", ASKS)
def test_clear_asks_in_many_shapes(text: str) -> None:
    assert _met(text, "stakeholder/pitch", "clear-ask")


@pytest.mark.parametrize("text", NOT_ASKS)
def test_vague_asks_are_not_asks(text: str) -> None:
    assert not _met(text, "stakeholder/pitch", "clear-ask")


@pytest.mark.parametrize("text, expected", [
    ("Every hour the checkout is down costs us about €8,000 in orders.", True),
    ("Our biggest client's contract requires this before their audit in September.", True),
    ("Support spends two days a week answering tickets caused by this bug.", True),
    ("Until it's fixed, new features take twice as long to ship.", True),
    ("The code is old and hard to read, and the team finds it frustrating.", False),
    ("It would make our architecture much cleaner and more modern.", False),
])
def test_business_impact_is_about_the_business(text: str, expected: bool) -> None:
    assert _met(text, "stakeholder/pitch", "business-impact") is expected


# (rubric, criterion, expected, text): one criterion at a time, positive and negative phrasings.
SINGLE = [
 # mentorship situation
 ("mentorship/feedback","situation",True,"At Monday's sprint review you presented the search results page."),
 ("mentorship/feedback","situation",True,"In your PR for the invoice export (#2231) you added tests for every edge case."),
 ("mentorship/feedback","situation",True,"During the 3 a.m. page on Saturday you wrote clear updates in the incident channel."),
 ("mentorship/feedback","situation",False,"Lately you've been doing well on the project."),
 ("mentorship/feedback","situation",False,"In general, your communication could be better."),
 # behavior
 ("mentorship/feedback","behavior",True,"You answered every question from support in the thread within the hour."),
 ("mentorship/feedback","behavior",True,"You pushed the hotfix straight to main without a review."),
 ("mentorship/feedback","behavior",False,"You need to be more proactive and take more ownership."),
 ("mentorship/feedback","behavior",False,"Your code quality has been below expectations."),
 # next step
 ("mentorship/feedback","next-step",True,"Next sprint, could you write the design doc before starting on the code? I'll review a draft with you on Tuesday."),
 ("mentorship/feedback","next-step",True,"Would you like to run the next retro? I can send you the template I use."),
 ("mentorship/feedback","next-step",False,"Keep growing!"),
 ("mentorship/feedback","next-step",False,"You need to step up."),
 # help context / expected / steps
 ("async/help-request","context",True,"I'm setting up the new payments sandbox so we can test refunds end to end."),
 ("async/help-request","context",True,"Goal: run the integration tests locally against the Docker Postgres."),
 ("async/help-request","context",False,"It broke."),
 ("async/help-request","expected-behavior",True,"It should return the 20 most recent orders, like it does on staging."),
 ("async/help-request","expected-behavior",True,"I expected the job to finish in about 5 minutes, as it did last week."),
 ("async/help-request","expected-behavior",False,"It should work."),
 ("async/help-request","steps-to-reproduce",True,"1. Log in as a test merchant\n2. Open Settings > Payouts\n3. Click \"Add bank account\" and submit the form"),
 ("async/help-request","steps-to-reproduce",True,"To reproduce: run `make test-e2e` on a fresh clone, then open http://localhost:3000/cart."),
 ("async/help-request","steps-to-reproduce",False,"Just try it and you'll see."),
 ("async/help-request","evidence",True,"```\nTraceback (most recent call last):\n  File \"app.py\", line 12, in <module>\nKeyError: 'user_id'\n```"),
 ("async/help-request","evidence",True,"The log says `connection refused (10.0.3.7:5432)` every 30 seconds."),
 ("async/help-request","evidence",False,"There's an error, see the logs."),
 ("async/help-request","environment",True,"I'm on macOS 14.4 with Docker Desktop 4.29."),
 ("async/help-request","environment",True,"This only happens in production, in the eu-west-1 region."),
 ("async/help-request","environment",False,"It happens on my machine."),
 # ADR context / drivers
 ("conflict/adr","decision-drivers",True,"Drivers: we must pass the PCI audit in March, keep infrastructure under €2,000 a month, and not slow down checkout."),
 ("conflict/adr","decision-drivers",False,"Drivers: developer happiness, elegance, and using modern technology."),
 # reply product framing negatives/positives
 ("conflict/reply","product-framing",True,"The question that matters is whether merchants can see their payouts within a day; today it takes three."),
 ("conflict/reply","product-framing",False,"Honestly, I just think my approach is cleaner and more elegant."),
 # readme why / trade-offs
 ("docs/readme-why","trade-offs",True,"## Why\nIt only works with Postgres 13 or newer, and it adds about 5 ms to every write. If you need MySQL support, use Debezium instead."),
 ("docs/readme-why","trade-offs",False,"## Why\nIt is fast, simple and powerful. Every tool has trade-offs."),
 ("docs/readme-why","explains-why",True,"## Why\nOur designers kept shipping icons that were 2-3 KB too big because nobody ran the optimiser by hand. `iconpipe` runs it on every commit."),
 ("docs/readme-why","explains-why",False,"## Why\nThe best, fastest and most developer-friendly icon tool ever made."),

 ("pr-review/comment","specific",True,"The retry loop in the payment worker never resets its counter after a success."),
 ("pr-review/comment","specific",True,"In checkout.js, the discount is applied twice when the coupon field is re-submitted."),
 ("pr-review/comment","specific",True,"The new migration drops the `legacy_id` column before the backfill has run."),
 ("pr-review/comment","specific",False,"This approach feels off to me."),
 ("pr-review/comment","specific",False,"I'm not a fan of how this is structured overall."),
 ("pr-review/comment","specific",False,"Could you clean this up a bit before we merge?"),
 ("pr-review/comment","suggests-path",True,"What if `fetchOrders` took a `since` parameter so the sync only pulls new rows?"),
 ("pr-review/comment","suggests-path",True,"Consider wrapping the two writes in a transaction so a crash can't leave half an order."),
 ("pr-review/comment","suggests-path",True,"Maybe move the validation into `OrderForm.clean()`, where the other checks live?"),
 ("pr-review/comment","suggests-path",True,"Using `Decimal` instead of `float` for `amount` would avoid the rounding errors."),
 ("pr-review/comment","suggests-path",False,"Have you thought about other options here?"),
 ("pr-review/comment","suggests-path",False,"This needs another approach."),
 ("pr-review/comment","suggests-path",False,"Why is this so complicated?"),
 ("conflict/reply","proposes-next-step",True,"Let's timebox a two-day spike on the Redis option and compare p95 latency on Thursday."),
 ("conflict/reply","proposes-next-step",True,"Can we ask Priya, who owns the checkout roadmap, to make the call by end of the week?"),
 ("conflict/reply","proposes-next-step",False,"Let's keep discussing this until we agree."),
 ("conflict/reply","proposes-next-step",False,"Let's just go with my approach and move on."),
 ("conflict/reply","acknowledges-view",True,"You're right that a second datastore means another thing for on-call to learn at 3 a.m."),
 ("conflict/reply","acknowledges-view",False,"I acknowledge your perspective."),
 ("conflict/reply","acknowledges-view",False,"Thanks for your input."),

 ("docs/commit-message","describes-what",True,"Cap image uploads at 10 MB\n\nThe upload endpoint now rejects files over 10 MB with a 413 before reading the body."),
 ("docs/commit-message","describes-what",True,"Log `tenant_id` on every billing error"),
 ("docs/commit-message","describes-what",False,"Some changes\n\nVarious improvements here and there."),
 ("docs/commit-message","explains-why",True,"Lower the Stripe webhook timeout to 5 s\n\nStripe retries webhooks that take longer than 10 s, and our slow handler caused duplicate payment events during last Friday's peak."),
 ("docs/commit-message","explains-why",False,"Lower the Stripe webhook timeout to 5 s"),
 ("docs/commit-message","summary-line",True,"Retry S3 uploads twice before failing the export"),
 ("docs/commit-message","summary-line",False,"Updated files"),
 ("docs/commit-message","summary-line",False,"PAY-2231: changes"),
 ("mentorship/feedback","impact",True,"Because you wrote the runbook after the outage, the on-call engineer fixed the same problem in ten minutes last night."),
 ("mentorship/feedback","impact",True,"Your summary meant the product team could decide on the spot instead of scheduling another meeting."),
 ("mentorship/feedback","impact",False,"You wrote a runbook after the outage."),
 ("mentorship/feedback","behavior",True,"In the design review you dismissed Ana's question about rate limits before she finished asking it."),
 ("mentorship/feedback","behavior",False,"You are not a good communicator."),
 ("conflict/adr","options",True,"## Options\n1. Keep the cron VM and add monitoring: cheap, but still one machine.\n2. Move jobs to Kubernetes CronJobs: retries built in, but no job dependencies.\n3. Adopt Airflow: dependencies and a UI, about $400/month."),
 ("conflict/adr","options",False,"## Options\n- Kubernetes\n- Airflow"),
 ("conflict/adr","consequences",True,"## Decision\nWe move the jobs to Kubernetes CronJobs.\n\n## Consequences\nThe data team owns the migration and finishes it by 30 June; the cron VM is switched off afterwards. We revisit if a job needs dependencies."),
 ("conflict/adr","consequences",False,"## Decision\nWe move the jobs to Kubernetes CronJobs.\n\n## Consequences\nThings will be better."),
 ("conflict/adr","trade-offs",True,"## Trade-offs\nCronJobs cost nothing extra but give us no dependencies between jobs; Airflow would give us dependencies at about $400 a month and one more system to run."),
 ("conflict/adr","trade-offs",False,"## Trade-offs\nThere are pros and cons to every option."),
 ("conflict/adr","context",True,"## Context\nOur 14 nightly jobs run on one unpatched VM that failed silently twice this quarter, and the data and ops teams disagree on what should replace it."),
 ("conflict/adr","context",False,"## Context\nWe need to make a decision."),
 ("conflict/adr","decision-drivers",True,"## Decision drivers\n- Jobs must alert on failure (two silent failures cost us a day of reporting each).\n- No new spend above $500 a month."),
 ("async/help-request","steps-to-reproduce",True,"Steps: open the app on Android 14, log in with a Google account, then rotate the phone on the checkout screen."),
 ("async/help-request","clear-ask",True,"Should I bump `react-native-screens` to 3.30, or is there a known workaround for the crash?"),
 ("async/help-request","clear-ask",False,"Anyone?"),
 ("conflict/reply","product-framing",True,"For the nurses using the app on night shifts, what matters is that the schedule loads offline in under two seconds."),
 ("conflict/reply","respectful-tone",False,"Wow, thanks for the lecture. I'll be sure to ask you before I ever write code again."),
 ("conflict/reply","respectful-tone",True,"I see it differently, but I think you've identified the real risk, and I'd rather we test it than argue about it."),

 ("stakeholder/pitch","plain-language",False,"We need to containerize the legacy JVM services, move state to a managed RDBMS and put an API gateway with OAuth2 in front."),
 ("stakeholder/pitch","plain-language",False,"The p95 latency of the GraphQL resolvers regressed after the ORM upgrade, so we want to add a DataLoader and a Redis read-through cache."),
 ("stakeholder/pitch","plain-language",True,"Customers wait up to eight seconds for the order page to load, and about one in ten gives up before paying."),
 ("stakeholder/pitch","plain-language",True,"The part of our system that sends invoices is old and breaks every month, which means finance has to re-send them by hand."),
 ("stakeholder/pitch","quantified",True,"It will take a couple of weeks for two people."),
 ("stakeholder/pitch","quantified",True,"Refunds are delayed by 3 days on average, and 120 customers complained last month."),
 ("stakeholder/pitch","quantified",False,"It will take some time and a few people."),
 ("stakeholder/pitch","quantified",False,"We want to move from PHP 7.4 to PHP 8.3 in H2."),
 ("stakeholder/pitch","clear-ask",True,"Can we have the platform team for the whole of sprint 14?"),
 ("stakeholder/pitch","clear-ask",False,"We should probably think about doing this at some point."),
]


@pytest.mark.parametrize("rubric, criterion, expected, text", SINGLE, ids=[f"{c[0]}:{c[1]}#{i}" for i, c in enumerate(SINGLE)])
def test_single_criterion_phrasings(rubric: str, criterion: str, expected: bool, text: str) -> None:
    assert _met(text, rubric, criterion) is expected
