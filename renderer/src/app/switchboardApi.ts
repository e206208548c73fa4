/**
 * RTK Query over the typed desktop API: every endpoint is a `queryFn` that calls one operation of
 * `SwitchboardApi` (window.switchboard, or the browser-mode transport) taken from the thunk's extra
 * argument, so tests pass a fake and no live object ever enters the store.
 */
import { createApi, fakeBaseQuery, type BaseQueryApi } from '@reduxjs/toolkit/query/react';
import type {
  ApiError,
  ApiResult,
  OperationName,
  OperationRequest,
  OperationResponse,
  SwitchboardApi,
} from '../../../common/desktop-api';

export type ThunkExtra = { switchboard: SwitchboardApi };

/** Code for a transport that threw instead of answering with an ApiResult (core gone, socket closed). */
export const UNAVAILABLE = 'UNAVAILABLE';

type QueryResult<N extends OperationName> = { data: OperationResponse<N> } | { error: ApiError };

/** Calls one operation and turns its ApiResult into RTK Query's `{data} | {error}`. */
export async function callOperation<N extends OperationName>(
  switchboard: SwitchboardApi,
  name: N,
  request: OperationRequest<N>,
): Promise<QueryResult<N>> {
  const operation = switchboard[name] as unknown as (r: OperationRequest<N>) => Promise<ApiResult<OperationResponse<N>>>;
  try {
    const result = await operation(request);
    return result.ok ? { data: result.value } : { error: result.error };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { error: { code: UNAVAILABLE, message: `The desktop core did not answer: ${message}` } };
  }
}

function via<N extends OperationName>(name: N) {
  return (request: OperationRequest<N>, api: BaseQueryApi) => callOperation((api.extra as ThunkExtra).switchboard, name, request);
}

type Ref = { workitemId: string };
const ITEM_TAGS = ['Inbox', 'Outbound'] as const;

export const switchboardApi = createApi({
  reducerPath: 'switchboardApi',
  baseQuery: fakeBaseQuery<ApiError>(),
  tagTypes: ['Inbox', 'Outbound', 'Presence', 'Dispositions', 'Queues'],
  endpoints: (build) => ({
    getSession: build.query<OperationResponse<'getSession'>, void>({ queryFn: (_arg, api) => via('getSession')({}, api) }),
    getConnection: build.query<OperationResponse<'getConnection'>, void>({ queryFn: (_arg, api) => via('getConnection')({}, api) }),
    listInbox: build.query<OperationResponse<'listInbox'>, OperationRequest<'listInbox'>>({
      queryFn: via('listInbox'),
      providesTags: ['Inbox'],
    }),
    listOutbound: build.query<OperationResponse<'listOutbound'>, void>({
      queryFn: (_arg, api) => via('listOutbound')({}, api),
      providesTags: ['Outbound'],
    }),
    listDispositions: build.query<OperationResponse<'listDispositions'>, OperationRequest<'listDispositions'>>({
      queryFn: via('listDispositions'),
      providesTags: ['Dispositions'],
    }),
    getPresence: build.query<OperationResponse<'getPresence'>, void>({
      queryFn: (_arg, api) => via('getPresence')({}, api),
      providesTags: ['Presence'],
    }),
    listQueues: build.query<OperationResponse<'listQueues'>, void>({
      queryFn: (_arg, api) => via('listQueues')({}, api),
      providesTags: ['Queues'],
    }),

    signIn: build.mutation<OperationResponse<'signIn'>, OperationRequest<'signIn'>>({ queryFn: via('signIn') }),
    signOut: build.mutation<OperationResponse<'signOut'>, void>({ queryFn: (_arg, api) => via('signOut')({}, api) }),
    setPresence: build.mutation<OperationResponse<'setPresence'>, OperationRequest<'setPresence'>>({
      queryFn: via('setPresence'),
      invalidatesTags: ['Presence'],
    }),
    accept: build.mutation<OperationResponse<'accept'>, Ref>({ queryFn: via('accept'), invalidatesTags: [...ITEM_TAGS] }),
    decline: build.mutation<OperationResponse<'decline'>, Ref>({ queryFn: via('decline'), invalidatesTags: [...ITEM_TAGS] }),
    hold: build.mutation<OperationResponse<'hold'>, OperationRequest<'hold'>>({ queryFn: via('hold'), invalidatesTags: [...ITEM_TAGS] }),
    hangup: build.mutation<OperationResponse<'hangup'>, Ref>({ queryFn: via('hangup'), invalidatesTags: [...ITEM_TAGS] }),
    disposition: build.mutation<OperationResponse<'disposition'>, OperationRequest<'disposition'>>({
      queryFn: via('disposition'),
      invalidatesTags: [...ITEM_TAGS],
    }),
    dial: build.mutation<OperationResponse<'dial'>, Ref>({ queryFn: via('dial'), invalidatesTags: [...ITEM_TAGS] }),
    skip: build.mutation<OperationResponse<'skip'>, Ref>({ queryFn: via('skip'), invalidatesTags: [...ITEM_TAGS] }),
    setTaskStatus: build.mutation<OperationResponse<'setTaskStatus'>, OperationRequest<'setTaskStatus'>>({
      queryFn: via('setTaskStatus'),
      invalidatesTags: [...ITEM_TAGS],
    }),
    transfer: build.mutation<OperationResponse<'transfer'>, OperationRequest<'transfer'>>({
      queryFn: via('transfer'),
      invalidatesTags: [...ITEM_TAGS],
    }),
    createTask: build.mutation<OperationResponse<'createTask'>, OperationRequest<'createTask'>>({
      queryFn: via('createTask'),
      invalidatesTags: [...ITEM_TAGS],
    }),
    createCallback: build.mutation<OperationResponse<'createCallback'>, OperationRequest<'createCallback'>>({
      queryFn: via('createCallback'),
      invalidatesTags: [...ITEM_TAGS],
    }),
  }),
});

/** Mutations whose result is a work item: the store applies the returned item at once. */
export const ITEM_MUTATIONS = [
  'accept', 'decline', 'hold', 'hangup', 'disposition', 'dial', 'skip', 'setTaskStatus', 'transfer', 'createTask', 'createCallback',
] as const;

export const {
  useGetSessionQuery,
  useListInboxQuery,
  useListOutboundQuery,
  useListDispositionsQuery,
  useGetPresenceQuery,
  useListQueuesQuery,
  useSignInMutation,
  useSignOutMutation,
  useSetPresenceMutation,
  useAcceptMutation,
  useDeclineMutation,
  useHoldMutation,
  useHangupMutation,
  useDispositionMutation,
  useDialMutation,
  useSkipMutation,
  useSetTaskStatusMutation,
  useTransferMutation,
  useCreateTaskMutation,
  useCreateCallbackMutation,
} = switchboardApi;
