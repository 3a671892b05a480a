<#-- Below the login form: where to go with a forgotten password (the realms send no reset e-mails). -->
<#macro content>
  <#if pageId == "login" || pageId == "login-password">
    <div class="plein-help" id="plein-forgot-password">
      <p><strong>${msg("pleinForgotPassword")}</strong> ${msg("pleinForgotPasswordHelp")}</p>
    </div>
  </#if>
</#macro>
