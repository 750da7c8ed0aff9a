/**
 * The trace model: threads, their state changes and task milestones as {@link org.threadlanes.trace.Event}s, the
 * {@link org.threadlanes.trace.Recorder} that numbers and keeps them, and trace files
 * ({@link org.threadlanes.trace.TraceFile}, written and read by {@link org.threadlanes.trace.TraceFiles}).
 * Headless: nothing here touches JavaFX.
 *
 * <h2>Trace file format, version 1</h2>
 * A trace file is one UTF-8 JSON object. ThreadLanes writes the fields in the order below, each top-level field and
 * each thread, task and event on a line of its own, so that line-based tools (and error messages) point at one
 * event. Readers must not depend on that layout, nor on the order of fields. A short example:
 * <pre>{@code
 * {
 *   "format":"threadlanes-trace",
 *   "version":1,
 *   "scenario":"loiter-map",
 *   "settings":{"workers":3,"cores":2,"unitMs":50},
 *   "threads":[
 *     {"id":1,"name":"main","role":"main"},
 *     {"id":3,"name":"pool-1-worker-1","role":"worker"}
 *   ],
 *   "tasks":[
 *     {"id":1,"label":"loiter(2)","thread":3,"submittedNs":0,"startedNs":0,"finishedNs":100000000,
 *      "outcome":"OK","result":"20","error":null}
 *   ],
 *   "events":[
 *     {"seq":1,"tNs":0,"thread":1,"state":"RUNNING","reason":null,"detail":null,"task":null,"peer":null,"outcome":null,"line":3},
 *     {"seq":2,"tNs":0,"thread":1,"kind":"SUBMITTED","state":null,"reason":null,"detail":"loiter(2)","task":1,"peer":null,"outcome":null,"line":null},
 *     {"seq":3,"tNs":10,"thread":1,"state":"BLOCKED","reason":"FUTURE","detail":"loiter(2)","task":null,"peer":1,"outcome":null,"line":5}
 *   ],
 *   "result":[0,10,20],
 *   "deadlock":null
 * }
 * }</pre>
 *
 * <h3>Top level</h3>
 * <table class="striped">
 * <caption>Top-level fields</caption>
 * <tr><th>field</th><th>required</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code format}</td><td>yes</td><td>string</td><td>always {@code "threadlanes-trace"}</td></tr>
 * <tr><td>{@code version}</td><td>yes</td><td>integer</td><td>{@code 1}. A reader refuses a newer version ("version
 *     2 is newer than this ThreadLanes reads (1)") rather than guess. Write {@code format} and {@code version}
 *     first: a reader checks each field as it comes.</td></tr>
 * <tr><td>{@code scenario}</td><td>no (null)</td><td>string or null</td><td>the lesson's id, such as
 *     {@code fibonacci-condition}; null for a trace from an outside source (a JFR converter, a Python probe)</td></tr>
 * <tr><td>{@code settings}</td><td>no ({@code {}})</td><td>object or null</td><td>the run's knobs: for a lesson
 *     {@code workers} (pool size), {@code cores} (modelled CPU cores) and {@code unitMs} (milliseconds per lesson
 *     unit); free-form otherwise</td></tr>
 * <tr><td>{@code threads}</td><td>no (derived)</td><td>array or null</td><td>every thread, each once, in lane order.
 *     When present, every event's {@code thread} must be listed in it; when absent (or null), the threads are
 *     derived from the events in order of first appearance, named {@code thread-<id>} with role {@code thread}.</td></tr>
 * <tr><td>{@code tasks}</td><td>no (derived)</td><td>array or null</td><td>every task, each once. When absent (or
 *     null) the tasks are derived from the events' milestones, as {@link org.threadlanes.trace.TraceFile#of} does.</td></tr>
 * <tr><td>{@code events}</td><td>yes</td><td>array</td><td>every event, in sequence order (may be empty)</td></tr>
 * <tr><td>{@code result}</td><td>no (null)</td><td>any JSON</td><td>what the lesson returned, as plain data</td></tr>
 * <tr><td>{@code deadlock}</td><td>no (null)</td><td>any JSON</td><td>the deadlock report, or null when the run had
 *     none</td></tr>
 * </table>
 * Unknown top-level fields (and unknown fields of threads, tasks and events) are skipped, so a converter may add
 * notes of its own; a field may appear only once.
 *
 * <h3>A thread ({@code threads[i]})</h3>
 * <table class="striped">
 * <caption>Thread fields</caption>
 * <tr><th>field</th><th>required</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code id}</td><td>yes</td><td>integer</td><td>unique within the trace; need not be a JVM thread id</td></tr>
 * <tr><td>{@code name}</td><td>no ({@code thread-<id>})</td><td>string</td><td>as shown on the lane</td></tr>
 * <tr><td>{@code role}</td><td>no ({@code thread})</td><td>string</td><td>a free word: {@code main},
 *     {@code worker}, {@code thread}...</td></tr>
 * </table>
 *
 * <h3>A task ({@code tasks[i]})</h3>
 * All times are nanoseconds since the run started. Only {@code id} is required; every other field may be null or
 * absent when unknown.
 * <table class="striped">
 * <caption>Task fields</caption>
 * <tr><th>field</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code id}</td><td>positive integer</td><td>the id events carry in {@code task}; unique</td></tr>
 * <tr><td>{@code label}</td><td>string</td><td>what the task is called, such as {@code loiter(2)}</td></tr>
 * <tr><td>{@code thread}</td><td>integer</td><td>id of the worker that ran it; must be a thread of the trace</td></tr>
 * <tr><td>{@code submittedNs}, {@code startedNs}, {@code finishedNs}</td><td>integer</td><td>when it was submitted,
 *     started, ended (or was rejected)</td></tr>
 * <tr><td>{@code outcome}</td><td>{@code OK}, {@code FAILED}, {@code CANCELLED}</td><td>how it ended</td></tr>
 * <tr><td>{@code result}</td><td>string</td><td>its result as text, when OK</td></tr>
 * <tr><td>{@code error}</td><td>string</td><td>its exception as text when FAILED; {@code "rejected"} when the pool
 *     refused it</td></tr>
 * </table>
 *
 * <h3>An event ({@code events[i]})</h3>
 * <table class="striped">
 * <caption>Event fields</caption>
 * <tr><th>field</th><th>required</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code seq}</td><td>yes</td><td>integer</td><td>1 for the first event, then 2, 3... without gaps, in array
 *     order</td></tr>
 * <tr><td>{@code tNs}</td><td>yes</td><td>integer &ge; 0</td><td>nanoseconds since the run started (its pauses not
 *     counted). The array order is the recorder's: by time within one drain, and one thread's events in the order
 *     it published them. A reader does not require times to be sorted.</td></tr>
 * <tr><td>{@code thread}</td><td>yes</td><td>integer</td><td>id of the thread whose lane the event belongs to</td></tr>
 * <tr><td>{@code kind}</td><td>no ({@code STATE})</td><td>{@code STATE}, {@code SUBMITTED}, {@code STARTED},
 *     {@code FINISHED}, {@code REJECTED}</td><td>a state change or a task milestone. ThreadLanes leaves it out for
 *     STATE events (most of them) and writes it for the others; null means STATE too.</td></tr>
 * <tr><td>{@code state}</td><td>for STATE events</td><td>{@code CREATED}, {@code READY}, {@code RUNNING},
 *     {@code BLOCKED}, {@code CONCLUDED}, or null</td><td>the thread's new state; null when a milestone does not move
 *     the lane</td></tr>
 * <tr><td>{@code reason}</td><td>no (null)</td><td>{@code SLEEP}, {@code IO}, {@code LOCK}, {@code CONDITION},
 *     {@code FUTURE}, {@code QUEUE}, {@code JOIN}, {@code WORK}, or null</td><td>why the thread is blocked; only
 *     with state BLOCKED</td></tr>
 * <tr><td>{@code detail}</td><td>no (null)</td><td>string or null</td><td>the resource's name ({@code lock A}), a
 *     task's label, a task's result (FINISHED OK) or error (FINISHED FAILED)</td></tr>
 * <tr><td>{@code task}</td><td>no (null)</td><td>integer &ge; 0 or null</td><td>the task the event concerns; null
 *     (written for 0) when none</td></tr>
 * <tr><td>{@code peer}</td><td>no (null)</td><td>integer &ge; 0 or null</td><td>for reason LOCK the owning thread,
 *     for JOIN the joined thread, for FUTURE the awaited task; null (written for 0) otherwise</td></tr>
 * <tr><td>{@code outcome}</td><td>no (null)</td><td>{@code OK}, {@code FAILED}, {@code CANCELLED}, or null</td>
 *     <td>how a task ended; only with kind FINISHED</td></tr>
 * <tr><td>{@code line}</td><td>no (null)</td><td>integer 0..65535 or null</td><td>the listing line the thread is at;
 *     null (written for 0) when unknown</td></tr>
 * </table>
 *
 * <h3>Reading and errors</h3>
 * {@link org.threadlanes.trace.TraceFiles#read(java.nio.file.Path)} returns a complete trace or throws a
 * {@link org.threadlanes.trace.TraceFormatException} whose one-line message names the file, the line and column,
 * the field path and the problem, for instance {@code run.json: line 3, column 17: events[2].state: unknown state
 * "RUNING" (expected one of CREATED, READY, RUNNING, BLOCKED, CONCLUDED)}. It rejects: text that is not JSON, an
 * empty or truncated file ("unexpected end of file"), a wrong {@code format}, an unsupported {@code version},
 * missing required fields, values of the wrong type, unknown enum names, sequence numbers that skip or repeat,
 * events of threads missing from a present {@code threads} list, duplicate thread or task ids, a {@code reason}
 * without BLOCKED, an {@code outcome} without FINISHED, and content after the closing brace.
 *
 * <p>Events are written and read one at a time with Jackson's streaming API, so a trace of millions of events is
 * never held in memory as JSON text.
 */
package org.threadlanes.trace;
