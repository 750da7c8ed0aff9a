/**
 * The lesson library: every example of the course notes ({@code shared/seeds}) as a scenario, one class per lesson,
 * registered with ServiceLoader (module-info {@code provides} and {@code META-INF/services}).
 *
 * <h2>The course, in teaching order</h2>
 * <table>
 *   <caption>Lessons by topic; headless results at the defaults</caption>
 *   <tr><th>topic</th><th>id</th><th>result</th></tr>
 *   <tr><td>Threads</td><td>thread-lifecycle</td><td>the reader's path: created → ready → running → blocked → ...
 *   </td></tr>
 *   <tr><td></td><td>thread-per-request</td><td>{@code {"sequentialUnits":~38,"concurrentUnits":~2}}</td></tr>
 *   <tr><td>Synchronization</td><td>fibonacci-condition</td><td>{@code {"3":2,"10":55,"5":5,"7":13}}</td></tr>
 *   <tr><td></td><td>producer-consumer-queue</td><td>{@code {"produced":10,"consumed":10}}</td></tr>
 *   <tr><td></td><td>semaphore-limits</td><td>{@code {"permits":2,"maxInside":2}}</td></tr>
 *   <tr><td>Pools and futures</td><td>loiter-map</td><td>{@code [0,10,20,30,40]}</td></tr>
 *   <tr><td></td><td>sequential-vs-pool</td><td>{@code {"workers":4,"sequentialUnits":~4,"poolUnits":~1,...}}</td></tr>
 *   <tr><td></td><td>pool-lifecycle</td><td>what happened to each future</td></tr>
 *   <tr><td></td><td>loiter-as-completed</td><td>{@code {"completionOrder":[10,20,40,30,50]}}</td></tr>
 *   <tr><td></td><td>loiter-as-completed-map</td><td>{@code {"submissionOrder":[40,10,20,50,30]}}</td></tr>
 *   <tr><td></td><td>future-api</td><td>what each call returned</td></tr>
 *   <tr><td></td><td>wait-first-completed</td><td>{@code {"done":1,"notDone":4}}</td></tr>
 *   <tr><td></td><td>wait-all-completed</td><td>{@code {"done":5,"notDone":0}}</td></tr>
 *   <tr><td></td><td>wait-first-exception</td><td>{@code {"done":3,"notDone":2}}</td></tr>
 *   <tr><td></td><td>load-url-bad-host</td><td>{@code {"pages":4,"errors":1}}</td></tr>
 *   <tr><td></td><td>crawl-pool</td><td>{@code {"links":{4 URLs},"errors":{1 URL}}}</td></tr>
 *   <tr><td></td><td>flags-download</td><td>{@code {"OK":16,"NOT_FOUND":3,"ERROR":1}}</td></tr>
 *   <tr><td>CPU vs I/O</td><td>cpu-vs-io-gil</td><td>{@code {"primes":[true,true,true,true,true,false],...}}</td></tr>
 * </table>
 *
 * <h2>Variants are lessons of their own</h2>
 * A lesson whose listing shows more than one way of doing the same thing runs each way under its own id, sharing
 * the listing: {@code loiter-as-completed} and {@code loiter-as-completed-map} (its {@code with_map} variant), and
 * {@code wait-first-completed}, {@code wait-all-completed} and {@code wait-first-exception} (the three
 * {@code return_when} values). The browser lists them next to each other; the CLI runs each by its id.
 *
 * <h2>How lessons are built</h2>
 * <ul>
 *   <li>Real threads and real futures: pools come from the run's context; {@code PyExecutor} and {@code PyFuture}
 *       give them the course's {@code concurrent.futures} semantics (cancel only while queued, done-callbacks on the
 *       completing thread, {@code as_completed}, {@code wait}, {@code shutdown(cancel_futures=True)}), with every
 *       wait visible on the waiting lane.</li>
 *   <li>Real HTTP: lessons that fetch pages start the local web ({@code org.threadlanes.scenario.web}) on 127.0.0.1
 *       for the run; a host that does not exist is in the reserved {@code .invalid} domain and fails at once.</li>
 *   <li>Every probe names a line of the lesson's Python listing ({@code probe.at(ctx.line("..."))}); each listing
 *       has a Java twin.</li>
 *   <li>Settings a lesson does not expose are fixed, and its class javadoc says which and why.</li>
 * </ul>
 */
package org.threadlanes.scenario.lessons;
