import { randomUUID } from 'node:crypto';
import type {
  AdminArea,
  GridMember,
  Incident,
  LonLat,
  ScenarioId,
  Team,
  Warning,
  WarningColour,
} from '../../shared/protocol/index.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { Rng } from '../../shared/random.ts';
import {
  capMessage,
  exerciseIncident,
  ESCALATION,
  SIM_SENDER,
  STORM_RATE,
} from './exercise-script.ts';
import { HazardDesk } from './hazard-desk.ts';
import { ShelterFill } from './shelter-fill.ts';
import { TransferDesk } from './transfer-desk.ts';
import { ExerciseCheckins } from './exercise-checkins.ts';
import type { Register } from '../../shared/people/register.ts';
import { moveToward, patrol } from './movement.ts';
import { legOf, type Leg } from '../../shared/routing/road-graph.ts';
import type { RoadRouter } from '../../shared/routing/road-router.ts';
import type { Fence } from '../feed/event-store.ts';

export interface SimulatorOptions {
  /** Simulated seconds per real second. @default 1 */
  speed: number;
  seed: number;
  /** Incidents per simulated hour. */
  incidentsPerHour: number;
  /** Scaled out: its appends are taken only while this node holds the simulator's lease. */
  fence?: Fence | undefined;
}

interface Job {
  incident: Incident;
  /** Simulated ms at which the next step is due. */
  dueAt: number;
  /** The way each team is driving now (to the incident, then home), planned on the roads. */
  legs: Map<string, { to: LonLat; leg: Leg | null }>;
  /** Teams that have reached where they are driving to. */
  arrived: Set<string>;
}

function job(incident: Incident, dueAt: number): Job {
  return { incident, dueAt, legs: new Map(), arrived: new Set() };
}

/**
 * The default feed: a seeded exercise of the scenario, marked as exercise data. Incidents arrive
 * at random; the nearest available team is dispatched and drives there along the roads, works,
 * and drives home. The "7·20" rainstorm script issues a warning over a township that escalates
 * blue → yellow → orange → red every 40 simulated minutes and is then cancelled; while it stands,
 * calls come up to five times as often and mostly about water, and from orange on the township's
 * shelters open and fill (and empty after the cancel). Online grid members patrol their grids.
 */
export class Simulator {
  private readonly rng: Rng;
  private simMs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly jobs: Job[] = [];
  private nextIncident = 0;
  private serial = 0;
  private warning: { message: Warning; step: number; nextAt: number } | null = null;
  private nextWarningAt: number;
  private readonly shelters = new ShelterFill();
  private readonly desk: HazardDesk;
  private readonly transfers: TransferDesk;
  private readonly checkins: ExerciseCheckins | null;

  constructor(
    private readonly hub: FeedHub,
    readonly scenario: ScenarioId,
    private readonly townships: readonly AdminArea[],
    private readonly options: SimulatorOptions,
    /** Teams follow the roads when given; otherwise they drive straight. */
    private readonly roads: RoadRouter | null = null,
    /** Grid members, whose hidden-hazard reports the exercise makes (none: no reports). */
    members: readonly GridMember[] = [],
    /** The villages' transfer registers, whose people the exercise checks in (none: no one). */
    register: Register | null = null,
  ) {
    this.rng = new Rng(`${options.seed}:${scenario}`);
    this.nextIncident = this.rng.exponential(3_600_000 / options.incidentsPerHour);
    this.nextWarningAt = 60_000;
    this.desk = new HazardDesk(
      this.rng.fork('hazards'),
      members,
      hub.telemetry.get(scenario),
      hub.hazardHistory.get(scenario)?.perDay ?? 0,
    );
    this.transfers = new TransferDesk(this.rng.fork('transfers'));
    this.checkins = register ? new ExerciseCheckins(register) : null;
    this.adopt();
  }

  /**
   * After a restart the log still holds the exercise's open incidents and warning: carry them on
   * rather than leave them (and their teams) stuck where the last run stopped.
   */
  private adopt(): void {
    const live = this.live();
    for (const incident of live.incidents.values()) {
      if (incident.source !== 'simulator' || incident.status === 'closed') continue;
      this.jobs.push(job(incident, 0));
    }
    const warning = [...live.warnings.values()].find((w) => w.sender === SIM_SENDER);
    if (warning) {
      this.warning = {
        message: warning,
        step: ESCALATION.indexOf(warning.level),
        nextAt: 40 * 60_000,
      };
    }
  }

  /**
   * Ticks in real time. A tick that finds the previous one still publishing (a slow store)
   * adds its time to the next, so simulated time keeps pace without overlapping steps.
   */
  start(tickMs = 1_000, onError: (e: Error) => void = () => undefined): void {
    let owed = 0;
    let running = false;
    this.timer = setInterval(() => {
      // A full log takes no events: the exercise waits (its clock too) instead of failing
      // every second, and goes on once the log takes writes again.
      if (!this.hub.health.writable) return;
      owed += tickMs * this.options.speed;
      if (running) return;
      running = true;
      const delta = owed;
      owed = 0;
      this.advance(delta)
        .catch(onError)
        .finally(() => {
          running = false;
        });
    }, tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Moves simulated time forward (tests call this directly). */
  async advance(simDeltaMs: number): Promise<void> {
    const end = this.simMs + simDeltaMs;
    while (this.nextIncident <= end) {
      this.simMs = this.nextIncident;
      await this.openIncident();
      // The storm drives the calls: up to five times the usual rate under a red warning.
      const rate = this.options.incidentsPerHour * STORM_RATE[this.stormLevel()];
      this.nextIncident += this.rng.exponential(3_600_000 / rate);
    }
    this.simMs = end;
    this.adoptDispatched();
    for (const job of [...this.jobs]) await this.step(job, simDeltaMs);
    await this.weather();
    await this.shelter(simDeltaMs);
    this.patrol(simDeltaMs);
    await this.desk.advance(this.simMs, this.live().hazards, (type, h) => this.emit(type, h));
    const live = this.live();
    await this.transfers.advance(this.simMs, live.plan, live.progress, live.shelters, (type, p) =>
      this.emit(type, p),
    );
    await this.checkIn();
  }

  /** People of arrived villages checked in by name, in one commit per step. */
  private async checkIn(): Promise<void> {
    const live = this.live();
    const due = this.checkins?.step(this.simMs, live.plan, live.progress, live.shelters, live.roll);
    if (!due?.length) return;
    const r = await this.hub.publishAll(
      this.scenario,
      due.map((payload) => ({ type: 'checkin:arrive', payload })),
      // A key of its own each time: a restarted exercise's steps are new steps.
      { key: `exercise-checkins:${randomUUID()}` },
      'simulator',
      { fence: this.options.fence },
    );
    if (!r.ok) throw new Error(`exercise check-ins refused: ${r.error}`);
  }

  private stormLevel(): WarningColour | 'none' {
    return this.warning?.message.level ?? 'none';
  }

  /** Shelters of the warned township fill from orange on (see ShelterFill). */
  private async shelter(simDeltaMs: number): Promise<void> {
    const level = this.stormLevel();
    const warned =
      level === 'orange' || level === 'red'
        ? (this.warning?.message.areas[0]?.geocodes[0] ?? null)
        : null;
    for (const u of this.shelters.advance(
      simDeltaMs,
      this.live().shelters,
      warned,
      level === 'red',
    ))
      await this.emit('shelter:update', u);
  }

  /** Publishes one event and waits until it is applied, so the next step reads its effect. */
  private async emit(type: string, payload: unknown): Promise<void> {
    const r = await this.hub.publish(this.scenario, type, payload, 'simulator', {
      fence: this.options.fence,
    });
    if (!r.ok) throw new Error(`simulator event refused: ${r.error}`);
  }

  private live() {
    const live = this.hub.live.get(this.scenario);
    if (!live) throw new Error(`no live state for ${this.scenario}`);
    return live;
  }

  /** Online grid members walk their grid (see `patrol`). */
  private patrol(simDeltaMs: number): void {
    const t = this.hub.telemetry.get(this.scenario);
    if (t) patrol(this.rng, t, simDeltaMs);
  }

  private async openIncident(): Promise<void> {
    const township = this.rng.pick(this.townships);
    const storm = this.stormLevel() !== 'none';
    const incident = exerciseIncident(this.rng, this.scenario, ++this.serial, township, storm);
    await this.emit('incident:open', incident);
    this.jobs.push(job(incident, this.simMs + this.rng.range(60_000, 180_000)));
  }

  private async update(job: Job, patch: Partial<Incident>): Promise<void> {
    job.incident = { ...job.incident, ...patch, updatedAt: new Date().toISOString() };
    await this.emit('incident:update', job.incident);
  }

  private nearestAvailable(at: LonLat): Team | null {
    let best: Team | null = null;
    let bestD = Infinity;
    for (const t of this.live().teams.values()) {
      if (t.status !== 'available' || t.kind === 'village') continue;
      const d = (t.position[0] - at[0]) ** 2 + (t.position[1] - at[1]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    return best;
  }

  private async setTeam(team: Team, status: Team['status']): Promise<void> {
    await this.emit('team:status', { id: team.id, status });
  }

  /**
   * Drives a team toward a point along the road network at the roads' speeds (straight at
   * TEAM_SPEED_KMH where no road connects); true when it has arrived.
   */
  private async drive(job: Job, team: Team, to: LonLat, simDeltaMs: number): Promise<boolean> {
    const current = this.live().teams.get(team.id)?.position ?? team.position;
    let planned = job.legs.get(team.id);
    if (planned?.to !== to) {
      const route = this.roads?.route(current, to) ?? null;
      planned = { to, leg: route && route.path.length > 1 ? legOf(route) : null };
      job.legs.set(team.id, planned);
    }
    const { position, bearing, speedKmh, arrived } = moveToward(
      planned.leg,
      current,
      to,
      simDeltaMs,
    );
    await this.emit('team:move', {
      id: team.id,
      position: [Math.round(position[0] * 1e6) / 1e6, Math.round(position[1] * 1e6) / 1e6],
      bearing: Math.round(bearing),
      speedKmh: arrived ? 0 : speedKmh,
    });
    return arrived;
  }

  /** Drives every team of the job that is not there yet; true once all are. */
  private async driveAll(
    job: Job,
    teams: readonly Team[],
    to: (t: Team) => LonLat,
    simDeltaMs: number,
    onArrival: (t: Team) => Promise<void>,
  ): Promise<boolean> {
    for (const t of teams) {
      if (job.arrived.has(t.id)) continue;
      if (await this.drive(job, t, to(t), simDeltaMs)) {
        job.arrived.add(t.id);
        await onArrival(t);
      }
    }
    return teams.every((t) => job.arrived.has(t.id));
  }

  /**
   * Exercise incidents dispatched by a duty officer (a command) are driven like the exercise's
   * own: the simulator plays the teams. It resolves them when the work is done but leaves closing
   * to a person, except for its own incidents. A real incident (not exercise) is never touched.
   */
  private adoptDispatched(): void {
    for (const incident of this.live().incidents.values()) {
      if (incident.source === 'simulator' || !incident.exercise) continue;
      if (incident.status !== 'dispatched' || this.jobs.some((j) => j.incident.id === incident.id))
        continue;
      this.jobs.push(job(incident, this.simMs + 60_000));
    }
  }

  private async step(job: Job, simDeltaMs: number): Promise<void> {
    // The live state is authoritative: a duty officer may have changed the incident meanwhile.
    const incident = this.live().incidents.get(job.incident.id) ?? job.incident;
    job.incident = incident;
    const live = this.live();
    const teams = incident.assignedTeamIds.flatMap((id) => live.teams.get(id) ?? []);
    const own = incident.source === 'simulator';
    switch (incident.status) {
      case 'reported':
        if (own && this.simMs >= job.dueAt) {
          await this.update(job, { status: 'confirmed' });
          job.dueAt = this.simMs + this.rng.range(30_000, 120_000);
        }
        break;
      case 'confirmed': {
        if (!own || this.simMs < job.dueAt) break;
        const team = this.nearestAvailable(incident.position);
        if (!team) break; // wait for a team to come free
        await this.setTeam(team, 'dispatched');
        await this.update(job, { status: 'dispatched', assignedTeamIds: [team.id] });
        job.dueAt = this.simMs + 60_000;
        break;
      }
      case 'dispatched':
        if (this.simMs >= job.dueAt && teams.length > 0) {
          for (const t of teams) await this.setTeam(t, 'en_route');
          await this.update(job, { status: 'en_route' });
        }
        break;
      case 'en_route': {
        const all = await this.driveAll(
          job,
          teams,
          () => incident.position,
          simDeltaMs,
          (t) => this.setTeam(t, 'on_scene'),
        );
        if (all) {
          await this.update(job, { status: 'on_scene' });
          job.dueAt = this.simMs + this.rng.range(20 * 60_000, 60 * 60_000);
          job.arrived.clear();
        }
        break;
      }
      case 'on_scene':
        if (this.simMs >= job.dueAt) {
          for (const t of teams) await this.setTeam(t, 'returning');
          await this.update(job, { status: 'resolved' });
          job.dueAt = this.simMs + 10 * 60_000;
        }
        break;
      case 'resolved': {
        const home = await this.driveAll(
          job,
          teams,
          (t) => t.homeBase,
          simDeltaMs,
          async (t) => {
            if (this.live().teams.get(t.id)?.status === 'returning')
              await this.setTeam(t, 'available');
          },
        );
        if (this.simMs >= job.dueAt && home) {
          if (own) await this.update(job, { status: 'closed' });
          this.jobs.splice(this.jobs.indexOf(job), 1);
        }
        break;
      }
      default:
        this.jobs.splice(this.jobs.indexOf(job), 1);
    }
  }

  /** A rainstorm warning over a township that escalates every 40 simulated minutes, then ends. */
  private async weather(): Promise<void> {
    if (!this.warning && this.simMs >= this.nextWarningAt) {
      const t = this.rng.pick(this.townships);
      this.warning = {
        message: capMessage(this.scenario, ++this.serial, t, 'blue', 'Alert', []),
        step: 0,
        nextAt: this.simMs + 40 * 60_000,
      };
      await this.emit('warning:issue', this.warning.message);
      return;
    }
    const w = this.warning;
    if (!w || this.simMs < w.nextAt) return;
    const previous = w.message;
    const ref = `${previous.sender},${previous.identifier},${previous.sent}`;
    const township =
      this.townships.find((x) => x.code === previous.areas[0]?.geocodes[0]) ??
      this.rng.pick(this.townships);
    if (w.step < ESCALATION.length - 1) {
      w.step++;
      w.message = capMessage(
        this.scenario,
        ++this.serial,
        township,
        ESCALATION[w.step] ?? 'red',
        'Update',
        [ref],
      );
      w.nextAt = this.simMs + 40 * 60_000;
      await this.emit('warning:update', w.message);
    } else {
      await this.emit(
        'warning:cancel',
        capMessage(this.scenario, ++this.serial, township, previous.level, 'Cancel', [ref]),
      );
      this.warning = null;
      this.nextWarningAt = this.simMs + 3 * 3_600_000;
    }
  }
}
