import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ClientsModule } from '@nestjs/microservices';
import { natsTransport } from '@plein/messaging';
import { PrincipalResolver } from './auth/principal-resolver.js';
import { RealmGuard } from './auth/realm.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { PortalConfigController } from './portals/portal-config.controller.js';
import {
  CalendarFeedController,
  ClientActivitiesController,
  ClientCalendarController,
  StaffActivitiesController,
  StaffCalendarController,
} from './routes/activities.controller.js';
import { AdminUsersController } from './routes/admin-users.controller.js';
import { StaffClientsController } from './routes/clients.controller.js';
import { ClientExportController, StaffExportController } from './routes/export.controller.js';
import { LiveFeed } from './live/live-feed.service.js';
import { ClientFeedStreamController, StaffFeedStreamController } from './routes/feed-stream.controller.js';
import { ClientFeedsController, StaffFeedsController } from './routes/feeds.controller.js';
import { ClientFollowsController, StaffFollowsController } from './routes/follows.controller.js';
import { ClientGroupsController, StaffGroupsController } from './routes/groups.controller.js';
import { ClientMeController, StaffMeController } from './routes/me.controller.js';
import {
  AdminSearchController,
  ClientSearchController,
  StaffSearchController,
} from './routes/search.controller.js';
import {
  ClientOrganisationController,
  OrganisationManagementController,
  StaffOrganisationController,
} from './routes/organisation.controller.js';
import {
  ClientPeopleController,
  StaffPeopleController,
  StaffPeopleManagementController,
} from './routes/people.controller.js';
import { ClientPostsController, StaffPostsController } from './routes/posts.controller.js';
import {
  BLOB_STORAGE,
  ClientFilesController,
  ClientFoldersController,
  ClientTrashController,
  StaffFilesController,
  StaffFoldersController,
  StaffTrashController,
} from './routes/documents.controller.js';
import { createStorage } from '@plein/storage';
import { StaffHandbookController } from './routes/handbook.controller.js';
import { ClientHowtosController } from './routes/howtos.controller.js';
import {
  ClientAnswersController,
  ClientQuestionsController,
  StaffAnswersController,
  StaffQuestionsController,
} from './routes/questions.controller.js';
import {
  AdminAuditController,
  ClientGuardController,
  ClientReportsController,
  ClientSubmissionsController,
  StaffGuardController,
  StaffReportsController,
  StaffSubmissionsController,
} from './routes/moderation.controller.js';
// moderation (issue 13): submissions, reports, the guard in both trees; the audit log (admin)
const MODERATION_CONTROLLERS = [
  StaffSubmissionsController,
  ClientSubmissionsController,
  StaffReportsController,
  ClientReportsController,
  StaffGuardController,
  ClientGuardController,
  AdminAuditController,
];

import {
  ClientNotificationPreferencesController,
  ClientNotificationsController,
  StaffNotificationPreferencesController,
  StaffNotificationsController,
} from './routes/notifications.controller.js';
import { LiveNotifications } from './live/live-notifications.service.js';
// notifications (issue 14): both trees, live stream
const NOTIFICATIONS_CONTROLLERS = [
  StaffNotificationsController,
  ClientNotificationsController,
  StaffNotificationPreferencesController,
  ClientNotificationPreferencesController,
];
// documents (issue 12): folders, files (streamed uploads and downloads), versions, trash in both trees
const DOCUMENTS_CONTROLLERS = [
  StaffFoldersController,
  ClientFoldersController,
  StaffFilesController,
  ClientFilesController,
  StaffTrashController,
  ClientTrashController,
];

// timelines (issue 3): per-tree posts, feeds, live stream, follows, groups
const TIMELINES_CONTROLLERS = [
  StaffFeedStreamController,
  ClientFeedStreamController,
  StaffFeedsController,
  ClientFeedsController,
  StaffPostsController,
  ClientPostsController,
  StaffFollowsController,
  ClientFollowsController,
  StaffGroupsController,
  ClientGroupsController,
];

// knowledge (issue 11): questions and answers in both trees, the handbook (staff), how-to pages (client)
const KNOWLEDGE_CONTROLLERS = [
  StaffQuestionsController,
  ClientQuestionsController,
  StaffAnswersController,
  ClientAnswersController,
  StaffHandbookController,
  ClientHowtosController,
];

// activities (issue 14): activities and sign-ups in both trees, my calendar, and its public feed
const ACTIVITIES_CONTROLLERS = [
  StaffActivitiesController,
  ClientActivitiesController,
  StaffCalendarController,
  ClientCalendarController,
  CalendarFeedController,
];

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ClientsModule.register([
          // as NATS user gateway: the only app allowed to send the user-facing (principal-carrying) RPCs
          { name: NATS_CLIENT, ...natsTransport(config, 'gateway') },
        ]),
      ],
      controllers: [
        HealthController,
        StaffMeController,
        ClientMeController,
        // identity administration (issue 15): the export before /me's neighbours, mentors' client accounts
        StaffExportController,
        ClientExportController,
        StaffClientsController,
        AdminUsersController,
        StaffSearchController,
        ClientSearchController,
        AdminSearchController,
        // directory (smoelenboek); /people/me routes before the management routes' /people/:id
        StaffPeopleController,
        ClientPeopleController,
        StaffPeopleManagementController,
        StaffOrganisationController,
        ClientOrganisationController,
        OrganisationManagementController,
        ...TIMELINES_CONTROLLERS,
        ...KNOWLEDGE_CONTROLLERS,
        ...MODERATION_CONTROLLERS,
        ...ACTIVITIES_CONTROLLERS,
        ...NOTIFICATIONS_CONTROLLERS,
        ...DOCUMENTS_CONTROLLERS,
        PortalConfigController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: BLOB_STORAGE, useFactory: () => createStorage(config) },
        TokenVerifier,
        LiveFeed,
        LiveNotifications,
        PrincipalResolver,
        { provide: APP_GUARD, useClass: RealmGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
