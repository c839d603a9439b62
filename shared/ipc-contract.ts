import { z } from 'zod';
import type { AreaOutline, DatasetInfo, DeskSettings, GeocodeResponse, LocalRecord, LocalSummary, MapService, MapSetItems, MapTable, SavedFile, SearchPreparing, SearchResponse, ServiceDetail, SourceCancelView, SourcePaused, SourceProgress, SourcePullSummary, SourceRemoved, SourceSummary } from './domain';
import type { ImportJobStatus, ImportRemovalsToConfirm, ImportReport, ImportSource, PreviousVersion, RollbackStarted } from './import-types';
import { byteRange, mapSettingsInput, type MapSettingsView, type StreetMapFile } from './map/map-contract';
import { pdfFileName } from './pdf-file-name';
import type { Result } from './result';
import { deadlineSecondsSchema, type FeedSubscriptionView, type SyncApplyView, type SyncCancelView, type SyncCheckView, type SyncOverview, type SyncProgressView } from './sync-types';

/**
 * The one IPC contract. Each channel names the zod schema its input must pass in the main process and
 * the type of value it answers with. The preload, the main-process binding and the browser-test
 * bridge are all built from this object, so a channel cannot exist on one side only.
 */
const channel = <Output>() => <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });

const id = z.string().min(1).max(512);
const sourceName = z.string().min(1).max(100);
const place = z.union([z.object({ zip: z.string().trim().min(1).max(10) }), z.object({ place: z.string().trim().min(1).max(200) })]);

export const contract = {
  info: channel<DatasetInfo>()(z.undefined()),
  // Search: the query with its facets, and the offline geocoder behind `near`. While the index is
  // being rebuilt after an update, search answers how far that has got instead.
  search: channel<SearchResponse | SearchPreparing>()(
    z.object({
      text: z.string().max(500),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
      categories: z.array(id).max(50).optional(),
      languages: z.array(id).max(50).optional(),
      populations: z.array(id).max(50).optional(),
      sources: z.array(z.string().min(1).max(100)).max(50).optional(),
      confirmedOnly: z.boolean().optional(),
      hoursConfirmedOnly: z.boolean().optional(),
      openNow: z.boolean().optional(),
      open24x7: z.boolean().optional(),
      verifiedWithinMonths: z.number().int().min(1).max(120).optional(),
      near: place.optional(),
      radiusKm: z.number().positive().max(5000).optional(),
      serves: place.optional(),
      age: z.number().int().min(0).max(130).optional(),
      free: z.boolean().optional(),
      noIdNeeded: z.boolean().optional(),
      wheelchair: z.boolean().optional(),
      sort: z.enum(['relevance', 'distance']).optional(),
      now: z.iso.datetime({ offset: true }).optional(),
      facetCounts: z.boolean().optional(),
    }),
  ),
  // The map's services of a set a search answer named (`map.set`), by their numbers; null when main no
  // longer keeps that set (a newer answer names another). The points of every service of an installed
  // index, by number; null once another index is installed. Then the services of a marker or spider
  // opened, by the points' service numbers, or a selected service's number by its id.
  mapItems: channel<MapSetItems | null>()(z.object({ set: z.string().min(1).max(100) })),
  mapTable: channel<MapTable | null>()(z.object({ index: z.number().int().min(0) })),
  mapServices: channel<MapService[]>()(
    z.union([
      z.object({ index: z.number().int().min(0), refs: z.array(z.number().int().min(0)).max(1000) }),
      z.object({ index: z.number().int().min(0), serviceIds: z.array(id).max(1000) }),
    ]),
  ),
  geocode: channel<GeocodeResponse>()(z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).optional() })),
  serviceDetail: channel<ServiceDetail | null>()(z.object({ id })),
  /** The outline of a service's area to draw on the map (its counties and polygons); null when it has none to draw. */
  serviceAreaOutline: channel<AreaOutline | null>()(z.object({ id })),
  /** Desktop shell: opens an http(s), tel: or mailto: link outside the app; false when the URL is refused. */
  openExternal: channel<boolean>()(z.object({ url: z.string().min(1).max(2048) })),
  /** Desktop shell: puts a phone number or an address on the system clipboard. */
  copyText: channel<null>()(z.object({ text: z.string().min(1).max(2000) })),

  // The desk: local notes and call marks, corrections export, settings, referral
  // sheet, quick exit. Local records are keyed by dataset ids and live in tables no import touches.
  localRecord: channel<LocalRecord>()(z.object({ serviceId: id })),
  /** What the desk has recorded on each of these services (a page of cards); services with nothing are left out. */
  localSummaries: channel<LocalSummary[]>()(z.object({ serviceIds: z.array(id).max(5000) })),
  saveNote: channel<LocalRecord>()(z.object({ serviceId: id, body: z.string().max(10_000) })),
  markCall: channel<LocalRecord>()(
    z.object({ serviceId: id, status: z.enum(['still_valid', 'changed', 'closed']), comment: z.string().max(2_000).optional() }),
  ),
  /** Takes back the newest mark if it is the one made at `markedAt`: a second undo of the same mark changes nothing. */
  unmarkCall: channel<LocalRecord>()(z.object({ serviceId: id, markedAt: z.string().max(40) })),
  exportCorrections: channel<SavedFile>()(z.undefined()),
  settings: channel<DeskSettings>()(z.undefined()),
  setUiLanguage: channel<DeskSettings>()(z.object({ uiLanguage: z.enum(['en', 'es']) })),
  /** Service ids only: a saved list never holds anything about the client. */
  saveReferralList: channel<null>()(z.object({ serviceIds: z.array(id).max(200) })),
  savedReferralList: channel<string[]>()(z.undefined()),
  saveReferralSheetPdf: channel<SavedFile>()(z.object({ fileName: pdfFileName })),
  hideWindow: channel<null>()(z.undefined()),

  // Import. No channel takes a path: main shows the chooser and keeps the path.
  importChoose: channel<ImportSource | null>()(z.object({ kind: z.enum(['file', 'folder']) })),
  importCheck: channel<ImportReport>()(
    z.object({ jobId: z.uuid(), mapping: z.record(z.string().max(500), z.string().max(100).nullable()).optional() }),
  ),
  // allowRemovals: the person confirmed removing more than half of the installed services (main/hsds/install/removals.ts).
  importApply: channel<ImportJobStatus | ImportRemovalsToConfirm>()(
    z.object({ jobId: z.uuid(), markConfidential: z.array(z.string().min(1).max(500)).max(100_000).optional(), allowRemovals: z.boolean().optional() }),
  ),
  importStatus: channel<ImportJobStatus>()(z.object({ jobId: z.uuid() })),
  importCancel: channel<ImportJobStatus>()(z.object({ jobId: z.uuid() })),
  importPrevious: channel<PreviousVersion | null>()(z.undefined()),
  importRollback: channel<RollbackStarted>()(z.undefined()),

  // Sources: the directory's parts, as `source list` shows them; removing one is undone by importRollback.
  sourceList: channel<SourceSummary[]>()(z.undefined()),
  sourceRemove: channel<SourceRemoved>()(z.object({ name: sourceName })),
  // A source pulled from an address. An API key is sealed by the system's key store before it is stored,
  // and refused when there is none; it is never sent back to the page.
  sourceAdd: channel<SourceSummary>()(
    z.object({
      name: sourceName,
      url: z.string().min(1).max(2000),
      kind: z.enum(['hsds-api', 'datapackage']),
      headerName: z.string().min(1).max(100).optional(),
      apiKey: z.string().min(1).max(4096).optional(),
    }),
  ),
  // Answers what `source pull --json` prints; a refusal or failure is {ok: false} inside it, with nothing changed.
  sourcePull: channel<SourcePullSummary>()(z.object({ name: sourceName, dryRun: z.boolean().optional(), allowRemovals: z.boolean().optional() })),
  // Null when no pull or removal runs for that source; polled while one does.
  sourceProgress: channel<SourceProgress | null>()(z.object({ name: sourceName })),
  // Stops the running pull of that source before its install commits, leaving everything as it was.
  sourceCancel: channel<SourceCancelView>()(z.object({ name: sourceName })),
  sourcePause: channel<SourcePaused>()(z.object({ name: sourceName, paused: z.boolean() })),

  // Sync: signed feed subscriptions, check, apply, history and rollback.
  syncList: channel<SyncOverview>()(z.undefined()),
  syncFingerprint: channel<string>()(z.object({ pin: z.string().max(200) })),
  syncSubscribe: channel<FeedSubscriptionView>()(z.object({ url: z.string().min(1).max(2000), pin: z.string().max(200) })),
  syncUnsubscribe: channel<null>()(z.object({ id: z.number().int().positive() })),
  syncCheck: channel<SyncCheckView>()(z.object({ id: z.number().int().positive() })),
  syncApply: channel<SyncApplyView>()(z.object({ id: z.number().int().positive(), version: z.number().int().positive(), allowRemovals: z.boolean().optional() })),
  syncRollback: channel<SyncApplyView>()(z.object({ id: z.number().int().positive(), version: z.number().int().positive() })),
  // Null when nothing runs for that feed; polled while a check, apply or restore runs.
  syncProgress: channel<SyncProgressView | null>()(z.object({ id: z.number().int().positive() })),
  // Stops the feed's running check, apply or restore before it commits; the running call ends 'cancelled'.
  syncCancel: channel<SyncCancelView>()(z.object({ id: z.number().int().positive() })),
  syncSetPeriodic: channel<null>()(z.object({ enabled: z.boolean() })),
  syncSetDeadline: channel<null>()(z.object({ seconds: deadlineSecondsSchema })),

  // Map: basemap bytes, the user's own street map, online tile settings.
  basemapBytes: channel<Uint8Array>()(byteRange),
  streetMapChoose: channel<StreetMapFile | null>()(z.undefined()),
  streetMapCurrent: channel<StreetMapFile | null>()(z.undefined()),
  streetMapBytes: channel<Uint8Array>()(byteRange),
  mapSettings: channel<MapSettingsView>()(z.undefined()),
  setMapSettings: channel<MapSettingsView>()(mapSettingsInput),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Contract[K]['output'];

export const channelNames = Object.keys(contract) as ChannelName[];

/** The IPC channel string for a contract entry; prefixed so nothing else on ipcMain can collide. */
export const ipcChannel = (name: ChannelName): string => `atlas:${name}`;

/** window.atlas as the renderer sees it. Every call resolves; failures come back as {ok: false}. */
export type AtlasApi = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
};
