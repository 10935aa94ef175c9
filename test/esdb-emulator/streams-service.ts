import { UntypedServiceImplementation } from '@grpc/grpc-js';
import { appendHandler } from './append';
import { batchAppendHandler } from './batch-append';
import { EmulatorContext } from './context';
import { deleteHandler, tombstoneHandler } from './delete';
import { readHandler } from './read';

/**
 * The implementation of event_store.client.streams.Streams, registered against the client's own
 * generated service definition (streams_grpc_pb.StreamsService). Without BatchAppend the method is
 * left out, so grpc-js answers it UNIMPLEMENTED, as a server older than 21.10 would.
 */
export function streamsService(context: EmulatorContext, batchAppend: boolean): UntypedServiceImplementation {
  const service: UntypedServiceImplementation = {
    read: readHandler(context),
    append: appendHandler(context),
    delete: deleteHandler(context),
    tombstone: tombstoneHandler(context),
  };
  if (batchAppend) service.batchAppend = batchAppendHandler(context);
  return service;
}
