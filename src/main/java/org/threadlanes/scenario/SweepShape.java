package org.threadlanes.scenario;

import org.threadlanes.analysis.SweepProfile;

/**
 * A lesson that declares the shape of its tasks, so that a sweep draws the ideal curve from the theory rather than
 * from a measurement. Lessons without it get a profile measured in the sweep's runs (see
 * {@link SweepProfile.Collector}).
 */
public interface SweepShape {
    /** The tasks each run submits, and the CPU and waiting units of each. */
    SweepProfile sweepProfile();
}
