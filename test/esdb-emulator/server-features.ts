import { handleUnaryCall } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** A version with `caught_up` in subscriptions (23.10+) and positions on stream reads (22.6+). */
export const EMULATED_SERVER_VERSION = '23.10.0';

const STREAMS = 'event_store.client.streams.streams';

/**
 * ServerFeatures.GetSupportedMethods, after Transport/Grpc/ServerFeatures.cs: service and method
 * names lower-cased, Read with features "position" and "events", BatchAppend with
 * "deadline_duration". The client looks for `/event_store.client.streams.streams/batchappend`
 * before each append (Client.supports) and otherwise uses Streams.Append. The emulator lists only
 * the methods it implements.
 */
export function supportedMethods(batchAppend: boolean): SupportedMethods {
  const methods: [service: string, method: string, features: string[]][] = [
    [STREAMS, 'read', ['position', 'events']],
    [STREAMS, 'append', []],
    [STREAMS, 'delete', []],
    [STREAMS, 'tombstone', []],
    ...(batchAppend ? [[STREAMS, 'batchappend', ['deadline_duration']] as [string, string, string[]]] : []),
    ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
  ];
  return new SupportedMethods()
    .setEventStoreServerVersion(EMULATED_SERVER_VERSION)
    .setMethodsList(
      methods.map(([service, method, features]) =>
        new SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(features),
      ),
    );
}

export function getSupportedMethodsHandler(
  batchAppend: boolean,
  count: (what: string) => void,
): handleUnaryCall<Empty, SupportedMethods> {
  return (_call, callback) => {
    count('GetSupportedMethods');
    callback(null, supportedMethods(batchAppend));
  };
}
